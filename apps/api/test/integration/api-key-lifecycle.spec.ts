// An API key's life after creation (issue 18): an optional expiry (the expired key is refused, saying when),
// the last-used time (recorded at most once a minute), and rotation (a new secret for the same key, the old
// secret refused at once). Only an OWNER does these, and only to the tenant's own keys. Real HTTP, Postgres,
// Redis and the worker that writes the audit events.
import { Client } from 'pg';
import {
  createApiKey,
  gql,
  GraphQLResponse,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  startTestWorker,
  TestApi,
  TestWorker,
  waitFor,
} from '../support';

interface Key {
  id: string;
  name: string;
  role: string;
  prefix: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const KEY_FIELDS = 'id name role prefix lastUsedAt expiresAt revokedAt';
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${KEY_FIELDS} } } }`;
const ROTATE = `mutation($id: ID!) { rotateApiKey(id: $id) { secret apiKey { ${KEY_FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`;
const KEYS = `{ apiKeys(first: 100) { edges { node { ${KEY_FIELDS} } } } }`;
const ME = `{ me { role apiKey { id } } }`;

type Created = { secret: string; apiKey: Key };

describe('API key lifecycle', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: Client;
  let owner: SignedUp;
  let other: SignedUp;

  const create = async (input: Record<string, unknown>, token = owner.token) =>
    ok(await gql<{ createApiKey: Created }>(api.graphqlUrl, CREATE, { input }, { token })).createApiKey;
  const rotate = (id: string, credentials: { token?: string; apiKey?: string }) =>
    gql<{ rotateApiKey: Created }>(api.graphqlUrl, ROTATE, { id }, credentials);
  const me = (apiKey: string) =>
    gql<{ me: { role: string; apiKey: { id: string } } }>(api.graphqlUrl, ME, {}, { apiKey });
  const keyById = async (id: string): Promise<Key> => {
    const { apiKeys } = ok(
      await gql<{ apiKeys: { edges: { node: Key }[] } }>(api.graphqlUrl, KEYS, {}, { token: owner.token }),
    );
    const found = apiKeys.edges.map((e) => e.node).find((k) => k.id === id);
    if (!found) throw new Error(`key ${id} not listed`);
    return found;
  };
  const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

  /** The audit worker writes events from a queue: waits for one with this action and object. */
  const audited = (action: string, objectId: string) =>
    waitFor(async () => {
      const { rows } = await db.query(
        'SELECT actor_user_id, details FROM audit_events WHERE action = $1 AND object_id = $2',
        [action, objectId],
      );
      return rows[0];
    }, `audit event ${action} of ${objectId}`);

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    db = new Client({ connectionString: api.database.config.ownerUrl });
    await db.connect();
    owner = await signUpTenant(api.graphqlUrl, 'keylife');
    other = await signUpTenant(api.graphqlUrl, 'keylife-other');
  });

  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await api?.stop();
  });

  describe('expiry', () => {
    it('is optional, and must be in the future when given', async () => {
      expect((await create({ name: 'forever' })).apiKey.expiresAt).toBeNull();
      const res = await gql(
        api.graphqlUrl,
        CREATE,
        { input: { name: 'already over', expiresAt: new Date(Date.now() - 60_000).toISOString() } },
        { token: owner.token },
      );
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/expiresAt must be in the future/);
    });

    it('lets the key work until then, and refuses it afterwards saying when it expired', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000);
      const key = await create({ name: 'temporary', expiresAt: expiresAt.toISOString() });
      expect(key.apiKey.expiresAt).toBe(expiresAt.toISOString());
      expect(ok(await me(key.secret)).me.apiKey.id).toBe(key.apiKey.id);

      // Time passes: the expiry is moved into the past rather than waiting for it.
      const { rows } = await db.query(
        `UPDATE api_keys SET expires_at = now() - interval '1 second', last_used_at = NULL
         WHERE id = $1 RETURNING expires_at`,
        [key.apiKey.id],
      );
      const refused = await me(key.secret);
      expect(refused.status).toBe(401);
      expect(code(refused)).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0].message).toBe(
        `The API key expired at ${new Date(rows[0].expires_at).toISOString()}; ask an owner of the tenant for a new key`,
      );
      // A refused use is not a use.
      expect((await keyById(key.apiKey.id)).lastUsedAt).toBeNull();
    });
  });

  it('records the last use, at most once a minute', async () => {
    const key = await create({ name: 'busy' });
    expect(key.apiKey.lastUsedAt).toBeNull();
    ok(await me(key.secret));
    const first = (await keyById(key.apiKey.id)).lastUsedAt;
    expect(first).not.toBeNull();

    ok(await me(key.secret));
    expect((await keyById(key.apiKey.id)).lastUsedAt).toBe(first);

    await db.query(`UPDATE api_keys SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1`, [
      key.apiKey.id,
    ]);
    const backdated = (await keyById(key.apiKey.id)).lastUsedAt!;
    ok(await me(key.secret));
    const later = (await keyById(key.apiKey.id)).lastUsedAt!;
    expect(new Date(later).getTime()).toBeGreaterThan(new Date(backdated).getTime() + 60_000);
  });

  describe('rotation', () => {
    it('gives the same key a new secret and refuses the old one at once', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const key = await create({ name: 'rotating', role: 'CURATOR', expiresAt });
      ok(await me(key.secret));

      const rotated = ok(await rotate(key.apiKey.id, { token: owner.token })).rotateApiKey;
      expect(rotated.secret).not.toBe(key.secret);
      expect(rotated.secret.startsWith(rotated.apiKey.prefix)).toBe(true);
      expect(rotated.apiKey).toMatchObject({
        id: key.apiKey.id,
        name: 'rotating',
        role: 'CURATOR',
        expiresAt,
        revokedAt: null,
      });
      expect(rotated.apiKey.prefix).not.toBe(key.apiKey.prefix);

      const old = await me(key.secret);
      expect(old.status).toBe(401);
      expect(code(old)).toBe('UNAUTHENTICATED');
      expect(old.errors?.[0].message).toMatch(/not valid/);
      expect(ok(await me(rotated.secret)).me).toEqual({ role: 'CURATOR', apiKey: { id: key.apiKey.id } });

      const event = await audited('api_key.rotated', key.apiKey.id);
      expect(event.actor_user_id).toBe(owner.userId);
      expect(event.details).toEqual({ name: 'rotating', prefix: rotated.apiKey.prefix });
    });

    it('refuses a revoked key', async () => {
      const key = await create({ name: 'gone' });
      ok(await gql(api.graphqlUrl, REVOKE, { id: key.apiKey.id }, { token: owner.token }));
      const res = await rotate(key.apiKey.id, { token: owner.token });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/is revoked and cannot be rotated; create a new key/);
    });

    it('is FORBIDDEN to anyone but an OWNER, member or key', async () => {
      const key = await create({ name: 'guarded' });
      const invitation = ok(
        await gql<{ inviteMember: { token: string } }>(
          api.graphqlUrl,
          'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
          { input: { email: `keylife-eng-${process.pid}-${Date.now()}@example.com`, role: 'ENGINEER' } },
          { token: owner.token },
        ),
      ).inviteMember;
      const engineer = ok(
        await gql<{ acceptInvitation: { token: string } }>(
          api.graphqlUrl,
          'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
          { input: { token: invitation.token, password: 'a good long password' } },
        ),
      ).acceptInvitation;
      const engineerKey = await createApiKey(api.graphqlUrl, owner.token, 'ENGINEER');

      for (const credentials of [{ token: engineer.token }, { apiKey: engineerKey.secret }]) {
        const res = await rotate(key.apiKey.id, credentials);
        expect(code(res)).toBe('FORBIDDEN');
        expect(res.data).toBeNull();
      }
      ok(await me(key.secret));
    });

    it("is NOT_FOUND for another tenant's key, which keeps working", async () => {
      const key = await create({ name: 'theirs' });
      const res = await rotate(key.apiKey.id, { token: other.token });
      expect(code(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0].message).toBe(`API key ${key.apiKey.id} was not found`);
      expect(code(await rotate('not-a-uuid', { token: other.token }))).toBe('NOT_FOUND');
      ok(await me(key.secret));
      expect((await keyById(key.apiKey.id)).prefix).toBe(key.apiKey.prefix);
    });
  });
});
