// Sessions that end on the server (issue 18): every token names a `sessions` row the API reads on each
// request, over HTTP and for every operation of a WebSocket, so logout, revokeSession and changePassword
// take effect on the token's next request. Tokens issued before sessions were stored are refused with a
// sentence that says to sign in again. Real HTTP, WebSocket, Postgres, Redis and the audit worker.
import { createHmac } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import {
  createApiKey,
  gql,
  GraphQLResponse,
  ok,
  signUpTenant,
  startTestApi,
  startTestWorker,
  subscribe,
  TestApi,
  TestWorker,
  waitFor,
} from '../support';

interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

const PASSWORD = 'correct horse battery';
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token tenant { id } } }`;
const ME = `{ me { user { id } tenant { id } } }`;
const SESSIONS = `{ mySessions { id createdAt lastSeenAt expiresAt userAgent ip current } }`;
const REVOKE = `mutation($id: ID!) { revokeSession(id: $id) { id current } }`;
const LOGOUT = `mutation { logout }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { sessionsRevoked } }`;

describe('sessions', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: Client;

  const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
  const me = (token: string) => gql<{ me: { user: { id: string } } }>(api.graphqlUrl, ME, {}, { token });
  const sessions = async (token: string) =>
    ok(await gql<{ mySessions: Session[] }>(api.graphqlUrl, SESSIONS, {}, { token })).mySessions;

  /** Logs in as a browser would, with a User-Agent; the new token. */
  async function login(email: string, password = PASSWORD, userAgent = 'sessions-spec', tenantId?: string) {
    const res = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password, tenantId } } }),
    });
    const body = (await res.json()) as { data?: { login: { token: string } }; errors?: unknown[] };
    if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
    return body.data.login.token;
  }

  /** Refused as a revoked session is: 401, UNAUTHENTICATED, a sentence saying to log in again. */
  async function expectEnded(token: string) {
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/^Your session was ended at .+; log in again$/);
  }

  const audited = (action: string, objectId: string) =>
    waitFor(async () => {
      const { rows } = await db.query(
        'SELECT actor_user_id, object_type, details FROM audit_events WHERE action = $1 AND object_id = $2',
        [action, objectId],
      );
      return rows[0];
    }, `audit event ${action} of ${objectId}`);

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    db = new Client({ connectionString: api.database.config.ownerUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await api?.stop();
  });

  it('lists the live sessions, marks this one, and keeps last-seen to once a minute', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-list');
    const laptop = await login(owner.email, PASSWORD, 'Laptop Browser/1.0');
    const phone = await login(owner.email, PASSWORD, 'Phone Browser/2.0');

    const listed = await sessions(laptop);
    expect(listed).toHaveLength(3);
    const mine = listed.find((s) => s.current)!;
    expect(mine.userAgent).toBe('Laptop Browser/1.0');
    expect(mine.ip).toMatch(/127\.0\.0\.1/);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(listed.map((s) => s.userAgent)).toContain('Phone Browser/2.0');
    expect(new Date(mine.expiresAt).getTime()).toBeGreaterThan(Date.now());

    // Seen again within the minute: not written again.
    const phoneId = (await sessions(phone)).find((s) => s.current)!.id;
    const before = (await sessions(laptop)).find((s) => s.id === phoneId)!.lastSeenAt;
    ok(await me(phone));
    expect((await sessions(laptop)).find((s) => s.id === phoneId)!.lastSeenAt).toBe(before);
    // A minute later: written on the next request.
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '61 seconds' WHERE id = $1`, [
      phoneId,
    ]);
    ok(await me(phone));
    const after = (await sessions(laptop)).find((s) => s.id === phoneId)!.lastSeenAt;
    expect(Date.now() - new Date(after).getTime()).toBeLessThan(30_000);
  });

  it('revokes one session: its token is refused on its next request, the others go on', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-revoke');
    const other = await login(owner.email);
    const otherId = (await sessions(other)).find((s) => s.current)!.id;

    const revoked = ok(
      await gql<{ revokeSession: { id: string; current: boolean } }>(
        api.graphqlUrl,
        REVOKE,
        { id: otherId },
        { token: owner.token },
      ),
    );
    expect(revoked.revokeSession).toEqual({ id: otherId, current: false });
    await expectEnded(other);
    ok(await me(owner.token));
    expect((await sessions(owner.token)).map((s) => s.id)).not.toContain(otherId);

    const event = await audited('session.revoked', otherId);
    expect(event).toMatchObject({ actor_user_id: owner.userId, object_type: 'session' });
  });

  it("is NOT_FOUND for someone else's session, which goes on", async () => {
    const a = await signUpTenant(api.graphqlUrl, 'sess-a');
    const b = await signUpTenant(api.graphqlUrl, 'sess-b');
    const bSession = (await sessions(b.token))[0].id;
    const res = await gql(api.graphqlUrl, REVOKE, { id: bSession }, { token: a.token });
    expect(code(res)).toBe('NOT_FOUND');
    expect(res.errors?.[0].message).toBe(`Session ${bSession} was not found among your sessions`);
    ok(await me(b.token));
  });

  it('logs out: the token dies on the server', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-logout');
    const id = (await sessions(owner.token))[0].id;
    expect(
      ok(await gql<{ logout: boolean }>(api.graphqlUrl, LOGOUT, {}, { token: owner.token })).logout,
    ).toBe(true);
    await expectEnded(owner.token);
    const event = await audited('user.logged_out', id);
    expect(event.actor_user_id).toBe(owner.userId);
  });

  it('refuses session operations to an API key', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-key');
    const key = await createApiKey(api.graphqlUrl, owner.token, 'OWNER');
    for (const query of [SESSIONS, LOGOUT]) {
      const res = await gql(api.graphqlUrl, query, {}, { apiKey: key.secret });
      expect(code(res)).toBe('FORBIDDEN');
      expect(res.errors?.[0].message).toBe(
        'API keys have no sessions or password; log in as a member to do this',
      );
    }
  });

  describe('changePassword', () => {
    it('ends every other session of the user, in every tenant, and keeps this one', async () => {
      const owner = await signUpTenant(api.graphqlUrl, 'sess-pw');
      const second = await login(owner.email);
      // The same user in a second tenant, joined with the existing password.
      const elsewhere = await signUpTenant(api.graphqlUrl, 'sess-pw-elsewhere');
      const invitation = ok(
        await gql<{ inviteMember: { token: string } }>(
          api.graphqlUrl,
          'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
          { input: { email: owner.email, role: 'VIEWER' } },
          { token: elsewhere.token },
        ),
      ).inviteMember;
      const inOtherTenant = ok(
        await gql<{ acceptInvitation: { token: string } }>(
          api.graphqlUrl,
          'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
          { input: { token: invitation.token, password: PASSWORD } },
        ),
      ).acceptInvitation.token;
      ok(await me(inOtherTenant));

      const wrong = await gql(
        api.graphqlUrl,
        CHANGE,
        { input: { currentPassword: 'not my password', newPassword: 'a brand new password' } },
        { token: owner.token },
      );
      expect(code(wrong)).toBe('BAD_USER_INPUT');
      expect(wrong.errors?.[0].message).toBe('currentPassword is not your current password');
      ok(await me(second));

      const changed = ok(
        await gql<{ changePassword: { sessionsRevoked: number } }>(
          api.graphqlUrl,
          CHANGE,
          { input: { currentPassword: PASSWORD, newPassword: 'a brand new password' } },
          { token: owner.token },
        ),
      ).changePassword;
      expect(changed.sessionsRevoked).toBe(2);
      ok(await me(owner.token));
      await expectEnded(second);
      await expectEnded(inOtherTenant);
      expect((await sessions(owner.token)).map((s) => s.current)).toEqual([true]);

      const oldLogin = await gql(api.graphqlUrl, LOGIN, {
        input: { email: owner.email, password: PASSWORD },
      });
      expect(code(oldLogin)).toBe('UNAUTHENTICATED');
      await login(owner.email, 'a brand new password');

      const event = await audited('user.password_changed', owner.userId);
      expect(event).toMatchObject({ actor_user_id: owner.userId, details: { sessionsRevoked: 2 } });
    });
  });

  it('refuses a revoked token on the WebSocket from its next operation on', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-ws');
    // Not lazy: one socket for both operations, so the second is checked by the open socket's gate
    // (a lazy client would reconnect, and be refused at connection_init instead).
    const client = createClient({
      url: api.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${owner.token}` },
    });
    let connections = 0;
    client.on('connected', () => connections++);
    try {
      const first = subscribe<{ me: { user: { id: string } } }>(client, ME);
      expect(await first.done).toEqual([]);
      expect(first.data[0].me.user.id).toBe(owner.userId);

      ok(await gql(api.graphqlUrl, LOGOUT, {}, { token: owner.token }));

      const second = subscribe(client, ME);
      const errors = await second.done;
      expect(second.data).toEqual([]);
      expect(errors[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(errors[0].message).toMatch(/^Your session was ended at .+; log in again$/);
      expect(connections).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a token issued before sessions were stored, saying to sign in again', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'sess-legacy');
    // Signed as the API signed every token until now: `v1`, the user and tenant, no session id.
    const body = Buffer.from(
      JSON.stringify({
        userId: owner.userId,
        tenantId: owner.tenantId,
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url');
    const signature = createHmac('sha256', api.config.auth.tokenSecret).update(body).digest('base64url');
    const res = await me(`v1.${body}.${signature}`);
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toBe(
      'Your session was started before sessions could be ended from the server, so it no longer works; sign in again',
    );
  });
});
