// Member administration through the API (issue 18): role changes, removal, ownership transfer, leaving,
// pending invitations and their revocation. Each is for an OWNER only, never reaches another tenant (the
// API answers NOT_FOUND and Postgres' row-level security refuses the write itself), writes an audit event,
// and keeps the tenant with at least one OWNER, also when requests race (the rounds at the end). Real
// HTTP, Postgres, Redis and the audit worker.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  Credentials,
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

const MEMBERS = '{ members(first: 100) { edges { node { id role user { id email } } } } }';
const ME = '{ me { role user { id } tenant { id } } }';
const CHANGE_ROLE = `mutation($input: ChangeMemberRoleInput!) {
  changeMemberRole(input: $input) { id role user { email } }
}`;
const REMOVE = 'mutation($id: ID!) { removeMember(id: $id) { id role user { email } } }';
const TRANSFER = `mutation($memberId: ID!) {
  transferOwnership(memberId: $memberId) { previousOwner { id role } newOwner { id role } }
}`;
const LEAVE = 'mutation { leaveTenant { id role } }';
const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }';
const ACCEPT = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { token user { id } }
}`;
const INVITATIONS = `query($first: Int!, $after: String) {
  invitations(first: $first, after: $after) {
    edges { node { id email role invitedAt expiresAt revokedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REVOKE_INVITATION = 'mutation($id: ID!) { revokeInvitation(id: $id) { id email revokedAt } }';

const PASSWORD = 'a good long password';

interface Member {
  id: string;
  role: string;
  user: { id: string; email: string };
}

/** A person in a tenant: their session, and the ids the mutations take. */
interface Person {
  token: string;
  userId: string;
  memberId: string;
  email: string;
}

interface PendingInvitation {
  id: string;
  email: string;
  role: string;
  revokedAt: string | null;
}

const run = `${process.pid}-${Date.now()}`;
let emails = 0;

describe('member administration', () => {
  let api: TestApi;
  let worker: TestWorker;
  let owner: Client;

  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    who: Credentials,
  ) => gql<T>(api.graphqlUrl, query, variables, who);

  const members = async (who: Credentials): Promise<Member[]> =>
    ok(await call<{ members: { edges: { node: Member }[] } }>(MEMBERS, {}, who)).members.edges.map(
      (e) => e.node,
    );

  const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

  /** An invitation of a fresh email with `role`; its token. */
  async function invite(tenant: SignedUp, role: string, label = role.toLowerCase()): Promise<string> {
    const email = `${label}-${run}-${++emails}@example.com`;
    const res = await call<{ inviteMember: { token: string } }>(
      INVITE,
      { input: { email, role } },
      { token: tenant.token },
    );
    return ok(res).inviteMember.token;
  }

  /** A new member of `tenant` with `role`, joined through an invitation as the console does it. */
  async function join(tenant: SignedUp, role: string): Promise<Person> {
    const token = await invite(tenant, role);
    const accepted = ok(
      await call<{ acceptInvitation: { token: string; user: { id: string } } }>(
        ACCEPT,
        { input: { token, password: PASSWORD } },
        {},
      ),
    ).acceptInvitation;
    const member = (await members({ token: tenant.token })).find((m) => m.user.id === accepted.user.id)!;
    return { token: accepted.token, userId: accepted.user.id, memberId: member.id, email: member.user.email };
  }

  /** The founding owner as a Person. */
  async function founder(tenant: SignedUp): Promise<Person> {
    const member = (await members({ token: tenant.token })).find((m) => m.user.id === tenant.userId)!;
    return { token: tenant.token, userId: tenant.userId, memberId: member.id, email: tenant.email };
  }

  const roles = async (tenantId: string): Promise<Record<string, string>> => {
    const { rows } = await owner.query('SELECT id, role FROM memberships WHERE tenant_id = $1', [tenantId]);
    return Object.fromEntries(rows.map((r: { id: string; role: string }) => [r.id, r.role]));
  };

  const ownerCount = async (tenantId: string): Promise<number> => {
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'OWNER'`,
      [tenantId],
    );
    return rows[0].n;
  };

  /** The audit event of `action` about `objectId`, once the worker has written it. */
  const auditEvent = (tenantId: string, action: string, objectId: string) =>
    waitFor(async () => {
      const { rows } = await owner.query(
        `SELECT actor_user_id, object_type, details FROM audit_events
          WHERE tenant_id = $1 AND action = $2 AND object_id = $3`,
        [tenantId, action, objectId],
      );
      return rows[0] as { actor_user_id: string; object_type: string; details: object } | undefined;
    }, `audit event ${action} of ${objectId}`);

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await worker?.stop();
    await api?.stop();
  });

  describe('changeMemberRole', () => {
    it("changes a member's role, which their session carries from its next request, and audits it", async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'roles');
      const engineer = await join(tenant, 'ENGINEER');
      const res = await call<{ changeMemberRole: Member }>(
        CHANGE_ROLE,
        { input: { memberId: engineer.memberId, role: 'CURATOR' } },
        { token: tenant.token },
      );
      expect(ok(res).changeMemberRole).toEqual({
        id: engineer.memberId,
        role: 'CURATOR',
        user: { email: engineer.email },
      });
      const me = ok(await call<{ me: { role: string } }>(ME, {}, { token: engineer.token }));
      expect(me.me.role).toBe('CURATOR');
      expect(await auditEvent(tenant.tenantId, 'member.role_changed', engineer.memberId)).toEqual({
        actor_user_id: tenant.userId,
        object_type: 'member',
        details: { email: engineer.email, from: 'ENGINEER', to: 'CURATOR' },
      });
    });

    it('lets an owner step down while another owner remains', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'step-down');
      const second = await join(tenant, 'OWNER');
      const first = await founder(tenant);
      const res = await call(CHANGE_ROLE, { input: { memberId: first.memberId, role: 'VIEWER' } }, second);
      expect(ok(res)).toBeTruthy();
      expect(await roles(tenant.tenantId)).toEqual({
        [first.memberId]: 'VIEWER',
        [second.memberId]: 'OWNER',
      });
    });
  });

  describe('the last owner', () => {
    let tenant: SignedUp;
    let only: Person;

    beforeAll(async () => {
      tenant = await signUpTenant(api.graphqlUrl, 'last-owner');
      only = await founder(tenant);
      await join(tenant, 'ENGINEER');
    });

    it('cannot be demoted: a sentence saying what to do, code BAD_USER_INPUT, reason LAST_OWNER', async () => {
      for (const role of ['ENGINEER', 'VIEWER', 'CURATOR']) {
        const res = await call(CHANGE_ROLE, { input: { memberId: only.memberId, role } }, only);
        expect(res.errors).toEqual([
          {
            message: `${only.email} is the last owner of this workspace: make another member an owner before changing their role`,
            locations: expect.any(Array),
            path: ['changeMemberRole'],
            extensions: { code: 'BAD_USER_INPUT', reason: 'LAST_OWNER' },
          },
        ]);
      }
      expect(await ownerCount(tenant.tenantId)).toBe(1);
    });

    it('cannot be removed, by themselves or by an OWNER API key', async () => {
      const key = await createApiKey(api.graphqlUrl, tenant.token, 'OWNER');
      for (const who of [only, { apiKey: key.secret }]) {
        const res = await call(REMOVE, { id: only.memberId }, who);
        expect(res.errors?.[0]).toMatchObject({
          message: `${only.email} is the last owner of this workspace: make another member an owner before removing them`,
          extensions: { code: 'BAD_USER_INPUT', reason: 'LAST_OWNER' },
        });
      }
      expect(await ownerCount(tenant.tenantId)).toBe(1);
    });

    it('cannot leave', async () => {
      const res = await call(LEAVE, {}, only);
      expect(res.errors?.[0]).toMatchObject({
        message:
          'You are the last owner of this workspace: transfer ownership to another member before you leave',
        extensions: { code: 'BAD_USER_INPUT', reason: 'LAST_OWNER' },
      });
      expect(ok(await call<{ me: { role: string } }>(ME, {}, only)).me.role).toBe('OWNER');
    });
  });

  describe('removeMember', () => {
    it('removes a member, whose session is refused on its very next request, and audits it', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'remove');
      const viewer = await join(tenant, 'VIEWER');
      expect(ok(await call<{ me: { role: string } }>(ME, {}, viewer)).me.role).toBe('VIEWER');

      const res = await call<{ removeMember: Member }>(
        REMOVE,
        { id: viewer.memberId },
        { token: tenant.token },
      );
      expect(ok(res).removeMember).toEqual({
        id: viewer.memberId,
        role: 'VIEWER',
        user: { email: viewer.email },
      });

      const after = await call(ME, {}, viewer);
      expect(after.status).toBe(401);
      expect(after.errors).toEqual([
        {
          message: 'You are no longer a member of this tenant; log in again',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
      expect((await members({ token: tenant.token })).map((m) => m.user.email)).toEqual([tenant.email]);
      expect(await auditEvent(tenant.tenantId, 'member.removed', viewer.memberId)).toEqual({
        actor_user_id: tenant.userId,
        object_type: 'member',
        details: { email: viewer.email, role: 'VIEWER' },
      });
    });
    it('ends the removed member’s sessions, so an invitation back does not revive them', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'rejoin');
      const viewer = await join(tenant, 'VIEWER');
      ok(await call(REMOVE, { id: viewer.memberId }, { token: tenant.token }));
      // Invited back under the same email: a new membership, and a new session from accepting.
      const again = ok(
        await call<{ inviteMember: { token: string } }>(
          INVITE,
          { input: { email: viewer.email, role: 'VIEWER' } },
          { token: tenant.token },
        ),
      ).inviteMember.token;
      const rejoined = ok(
        await call<{ acceptInvitation: { token: string } }>(
          ACCEPT,
          { input: { token: again, password: PASSWORD } },
          {},
        ),
      ).acceptInvitation;
      expect(ok(await call<{ me: { role: string } }>(ME, {}, { token: rejoined.token })).me.role).toBe(
        'VIEWER',
      );
      const old = await call(ME, {}, viewer);
      expect(old.status).toBe(401);
      expect(old.errors?.[0].message).toMatch(/^Your session was ended at /);
    });
  });

  describe('transferOwnership', () => {
    it('makes the member an OWNER and the caller an ENGINEER in one step, and audits it', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'transfer');
      const from = await founder(tenant);
      const to = await join(tenant, 'CURATOR');
      const res = await call<{ transferOwnership: unknown }>(TRANSFER, { memberId: to.memberId }, from);
      expect(ok(res).transferOwnership).toEqual({
        previousOwner: { id: from.memberId, role: 'ENGINEER' },
        newOwner: { id: to.memberId, role: 'OWNER' },
      });
      expect(await roles(tenant.tenantId)).toEqual({ [from.memberId]: 'ENGINEER', [to.memberId]: 'OWNER' });
      // Both sessions carry their new roles: the former owner may no longer manage members.
      expect(code(await call(CHANGE_ROLE, { input: { memberId: to.memberId, role: 'VIEWER' } }, from))).toBe(
        'FORBIDDEN',
      );
      expect(ok(await call<{ me: { role: string } }>(ME, {}, to)).me.role).toBe('OWNER');
      expect(await auditEvent(tenant.tenantId, 'tenant.ownership_transferred', tenant.tenantId)).toEqual({
        actor_user_id: from.userId,
        object_type: 'tenant',
        details: { from: from.email, to: to.email, toRoleBefore: 'CURATOR', fromRoleAfter: 'ENGINEER' },
      });
    });

    it('refuses a transfer to oneself or to an owner, and one made with an API key', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'transfer-refused');
      const from = await founder(tenant);
      const other = await join(tenant, 'OWNER');
      const self = await call(TRANSFER, { memberId: from.memberId }, from);
      expect(self.errors?.[0]).toMatchObject({
        message: 'You already own this workspace: choose another member to transfer ownership to',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const toOwner = await call(TRANSFER, { memberId: other.memberId }, from);
      expect(toOwner.errors?.[0].message).toBe(
        `${other.email} is already an owner: to step down yourself, change your own role or leave the workspace`,
      );
      const key = await createApiKey(api.graphqlUrl, tenant.token, 'OWNER');
      const byKey = await call(TRANSFER, { memberId: other.memberId }, { apiKey: key.secret });
      expect(byKey.errors?.[0]).toMatchObject({
        message:
          'Only a member signed in with a session can transfer the ownership of a workspace: an API key has no membership',
        extensions: { code: 'FORBIDDEN' },
      });
      expect(await roles(tenant.tenantId)).toEqual({ [from.memberId]: 'OWNER', [other.memberId]: 'OWNER' });
    });
  });

  describe('leaveTenant', () => {
    it('lets any member leave; their session for that tenant stops; audited', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'leave');
      const viewer = await join(tenant, 'VIEWER');
      const res = await call<{ leaveTenant: { id: string; role: string } }>(LEAVE, {}, viewer);
      expect(ok(res).leaveTenant).toEqual({ id: viewer.memberId, role: 'VIEWER' });
      const after = await call(ME, {}, viewer);
      expect(after.status).toBe(401);
      expect(code(after)).toBe('UNAUTHENTICATED');
      expect((await members({ token: tenant.token })).map((m) => m.user.id)).toEqual([tenant.userId]);
      expect(await auditEvent(tenant.tenantId, 'member.left', viewer.memberId)).toEqual({
        actor_user_id: viewer.userId,
        object_type: 'member',
        details: { email: viewer.email, role: 'VIEWER' },
      });
    });

    it('lets an owner leave while another owner remains, and refuses an API key', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'leave-owner');
      const second = await join(tenant, 'OWNER');
      ok(await call(LEAVE, {}, { token: tenant.token }));
      expect(await roles(tenant.tenantId)).toEqual({ [second.memberId]: 'OWNER' });
      const key = await createApiKey(api.graphqlUrl, second.token, 'VIEWER');
      expect(code(await call(LEAVE, {}, { apiKey: key.secret }))).toBe('FORBIDDEN');
    });
  });

  describe('pending invitations', () => {
    let tenant: SignedUp;

    beforeAll(async () => {
      tenant = await signUpTenant(api.graphqlUrl, 'invitations');
    });

    const pending = async (): Promise<PendingInvitation[]> =>
      ok(
        await call<{ invitations: { edges: { node: PendingInvitation }[] } }>(
          INVITATIONS,
          { first: 100 },
          { token: tenant.token },
        ),
      ).invitations.edges.map((e) => e.node);

    it('lists the invitations that can still be accepted, newest first, and pages them', async () => {
      await invite(tenant, 'VIEWER', 'first');
      await invite(tenant, 'CURATOR', 'second');
      await join(tenant, 'ENGINEER'); // accepted: no longer pending
      const list = await pending();
      expect(list.map((i) => [i.email.split('-')[0], i.role, i.revokedAt])).toEqual([
        ['second', 'CURATOR', null],
        ['first', 'VIEWER', null],
      ]);
      const page = ok(
        await call<{ invitations: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
          INVITATIONS,
          { first: 1 },
          { token: tenant.token },
        ),
      ).invitations;
      const next = ok(
        await call<{ invitations: { edges: { node: { id: string } }[] } }>(
          INVITATIONS,
          { first: 1, after: page.pageInfo.endCursor },
          { token: tenant.token },
        ),
      ).invitations;
      expect([...page.edges, ...next.edges].map((e) => e.node.id)).toEqual(list.map((i) => i.id));
    });

    it('revokes one: gone from the list, its link refused by acceptInvitation, audited', async () => {
      const token = await invite(tenant, 'ENGINEER', 'revoked');
      const target = (await pending()).find((i) => i.email.startsWith('revoked-'))!;
      const res = await call<{ revokeInvitation: PendingInvitation }>(
        REVOKE_INVITATION,
        { id: target.id },
        { token: tenant.token },
      );
      expect(ok(res).revokeInvitation).toEqual({
        id: target.id,
        email: target.email,
        revokedAt: expect.any(String),
      });
      expect((await pending()).map((i) => i.id)).not.toContain(target.id);

      const accept = await call(ACCEPT, { input: { token, password: PASSWORD } }, {});
      expect(accept.errors?.[0]).toMatchObject({
        message:
          'This invitation is not valid: it was already used or withdrawn, it expired, or the link is incomplete',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const { rows } = await owner.query('SELECT 1 FROM users WHERE email = $1', [target.email]);
      expect(rows).toEqual([]);
      expect(await auditEvent(tenant.tenantId, 'invitation.revoked', target.id)).toEqual({
        actor_user_id: tenant.userId,
        object_type: 'invitation',
        details: { email: target.email, role: 'ENGINEER' },
      });
    });

    it('refuses to revoke an accepted invitation, and answers NOT_FOUND for an unknown one', async () => {
      const token = await invite(tenant, 'VIEWER', 'accepted');
      const { rows } = await owner.query(
        `SELECT id FROM invitations WHERE tenant_id = $1 AND email LIKE 'accepted-%'`,
        [tenant.tenantId],
      );
      ok(await call(ACCEPT, { input: { token, password: PASSWORD } }, {}));
      const accepted = await call(REVOKE_INVITATION, { id: rows[0].id }, { token: tenant.token });
      expect(accepted.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/was already accepted: remove the member instead$/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
      for (const id of [randomUUID(), 'not-an-id']) {
        const res = await call(REVOKE_INVITATION, { id }, { token: tenant.token });
        expect(res.errors?.[0]).toMatchObject({
          message: `Invitation ${id} was not found`,
          extensions: { code: 'NOT_FOUND' },
        });
      }
    });
  });

  describe('roles', () => {
    it('FORBIDS every owner mutation and the invitations list to a VIEWER and an ENGINEER, and changes nothing', async () => {
      const tenant = await signUpTenant(api.graphqlUrl, 'forbidden');
      const target = await join(tenant, 'CURATOR');
      const invitationToken = await invite(tenant, 'VIEWER', 'still-pending');
      const { rows } = await owner.query(
        'SELECT id FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL',
        [tenant.tenantId],
      );
      const viewer = await join(tenant, 'VIEWER');
      const engineer = await join(tenant, 'ENGINEER');
      const engineerKey = await createApiKey(api.graphqlUrl, tenant.token, 'ENGINEER');
      const before = await roles(tenant.tenantId);

      const attempts: [string, Record<string, unknown>, string][] = [
        [CHANGE_ROLE, { input: { memberId: target.memberId, role: 'OWNER' } }, 'changeMemberRole'],
        [REMOVE, { id: target.memberId }, 'removeMember'],
        [TRANSFER, { memberId: target.memberId }, 'transferOwnership'],
        [INVITATIONS, { first: 10 }, 'invitations'],
        [REVOKE_INVITATION, { id: rows[0].id }, 'revokeInvitation'],
      ];
      for (const [who, role] of [
        [viewer, 'VIEWER'],
        [engineer, 'ENGINEER'],
        [{ apiKey: engineerKey.secret }, 'ENGINEER'],
      ] as const) {
        for (const [query, variables, path] of attempts) {
          const res = await call(query, variables, who);
          expect({ path, errors: res.errors }).toEqual({
            path,
            errors: [
              {
                message: `Your role (${role}) may not do this; it needs OWNER`,
                locations: expect.any(Array),
                path: [path],
                extensions: { code: 'FORBIDDEN' },
              },
            ],
          });
        }
      }
      expect(await roles(tenant.tenantId)).toEqual(before);
      // The invitation the VIEWER tried to revoke still works.
      ok(await call(ACCEPT, { input: { token: invitationToken, password: PASSWORD } }, {}));
    });
  });

  describe("another tenant's members", () => {
    let a: SignedUp;
    let b: SignedUp;
    let aOwner: Person;
    let bMember: Person;

    beforeAll(async () => {
      a = await signUpTenant(api.graphqlUrl, 'tenant-a');
      b = await signUpTenant(api.graphqlUrl, 'tenant-b');
      aOwner = await founder(a);
      await join(a, 'VIEWER');
      bMember = await join(b, 'ENGINEER');
    });

    it('are NOT_FOUND to an owner of A, exactly as an unknown id, and stay as they were', async () => {
      const before = await roles(b.tenantId);
      const missing = randomUUID();
      for (const [query, variables, path] of [
        [CHANGE_ROLE, (id: string) => ({ input: { memberId: id, role: 'VIEWER' } }), 'changeMemberRole'],
        [REMOVE, (id: string) => ({ id }), 'removeMember'],
        [TRANSFER, (id: string) => ({ memberId: id }), 'transferOwnership'],
      ] as const) {
        for (const id of [bMember.memberId, missing]) {
          const res = await call(query, variables(id), aOwner);
          expect(res.errors).toEqual([
            {
              message: `Member ${id} was not found`,
              locations: expect.any(Array),
              path: [path],
              extensions: { code: 'NOT_FOUND' },
            },
          ]);
        }
      }
      const bInvitation = await invite(b, 'VIEWER', 'b-invite');
      const { rows } = await owner.query(
        'SELECT id FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL',
        [b.tenantId],
      );
      expect(code(await call(REVOKE_INVITATION, { id: rows[0].id }, aOwner))).toBe('NOT_FOUND');
      expect(await roles(b.tenantId)).toEqual(before);
      ok(await call(ACCEPT, { input: { token: bInvitation, password: PASSWORD } }, {}));
    });

    it("are out of reach of a raw query under A's tenant context: row-level security refuses", async () => {
      const app = new Client({ connectionString: api.database.config.appUrl });
      await app.connect();
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        const update = await app.query(`UPDATE memberships SET role = 'OWNER' WHERE id = $1`, [
          bMember.memberId,
        ]);
        const remove = await app.query('DELETE FROM memberships WHERE id = $1', [bMember.memberId]);
        const revoke = await app.query('UPDATE invitations SET revoked_at = now() WHERE tenant_id = $1', [
          b.tenantId,
        ]);
        const seen = await app.query('SELECT id FROM memberships WHERE tenant_id = $1', [b.tenantId]);
        expect([update.rowCount, remove.rowCount, revoke.rowCount, seen.rowCount]).toEqual([0, 0, 0, 0]);
        // Moving one of A's own members into B is refused outright by the policy's WITH CHECK.
        const moved = await app
          .query(`UPDATE memberships SET tenant_id = $1 WHERE tenant_id = $2`, [b.tenantId, a.tenantId])
          .then(
            () => 'allowed',
            (e: Error & { code?: string }) => e,
          );
        expect(moved).toMatchObject({
          code: '42501',
          message: expect.stringContaining('violates row-level security policy'),
        });
      } finally {
        await app.query('ROLLBACK');
        await app.end();
      }
      const { rows } = await owner.query('SELECT role FROM memberships WHERE id = $1', [bMember.memberId]);
      expect(rows).toEqual([{ role: 'ENGINEER' }]);
    });
  });

  // The guarantee these rounds check comes from the row locks of MemberRoster: without them, two
  // requests that each read "two owners" both go ahead and the tenant is left with none.
  describe('races: the tenant keeps at least one OWNER', () => {
    const ROUNDS = 20;
    let tenant: SignedUp;
    let first: Person;
    let second: Person;
    let third: Person;

    beforeAll(async () => {
      tenant = await signUpTenant(api.graphqlUrl, 'races');
      first = await founder(tenant);
      second = await join(tenant, 'OWNER');
      third = await join(tenant, 'ENGINEER');
    });

    /**
     * Puts the memberships back as the round needs them, and the sessions a removal ended (as the database
     * owner, outside the API).
     */
    async function reset(people: [Person, string][]): Promise<void> {
      for (const [person, role] of people) {
        const { rows } = await owner.query(
          `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
          [tenant.tenantId, person.userId, role],
        );
        person.memberId = rows[0].id;
        await owner.query('UPDATE sessions SET revoked_at = NULL WHERE tenant_id = $1 AND user_id = $2', [
          tenant.tenantId,
          person.userId,
        ]);
      }
    }

    const succeeded = (results: GraphQLResponse[]) => results.filter((r) => !r.errors).length;

    it(`two owners demoting each other at once, ${ROUNDS} rounds: exactly one wins`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await reset([
          [first, 'OWNER'],
          [second, 'OWNER'],
        ]);
        const results = await Promise.all([
          call(CHANGE_ROLE, { input: { memberId: second.memberId, role: 'VIEWER' } }, first),
          call(CHANGE_ROLE, { input: { memberId: first.memberId, role: 'VIEWER' } }, second),
        ]);
        expect({ round, owners: await ownerCount(tenant.tenantId) }).toEqual({ round, owners: 1 });
        expect({ round, succeeded: succeeded(results) }).toEqual({ round, succeeded: 1 });
        // The loser is refused as an owner who no longer is one (or, if late, by its new role).
        expect(results.map(code).filter(Boolean)).toEqual(['FORBIDDEN']);
      }
    });

    it(`two owners removing each other at once, ${ROUNDS} rounds: exactly one remains`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await reset([
          [first, 'OWNER'],
          [second, 'OWNER'],
        ]);
        const results = await Promise.all([
          call(REMOVE, { id: second.memberId }, first),
          call(REMOVE, { id: first.memberId }, second),
        ]);
        expect({ round, owners: await ownerCount(tenant.tenantId) }).toEqual({ round, owners: 1 });
        expect({ round, succeeded: succeeded(results) }).toEqual({ round, succeeded: 1 });
      }
    });

    it(`a transfer racing demotions, ${ROUNDS} rounds: never without an owner`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await reset([
          [first, 'OWNER'],
          [second, 'OWNER'],
          [third, 'ENGINEER'],
        ]);
        const results = await Promise.all([
          call(TRANSFER, { memberId: third.memberId }, first),
          call(CHANGE_ROLE, { input: { memberId: first.memberId, role: 'VIEWER' } }, second),
          call(CHANGE_ROLE, { input: { memberId: second.memberId, role: 'VIEWER' } }, first),
        ]);
        const owners = await ownerCount(tenant.tenantId);
        expect({ round, atLeastOne: owners >= 1 }).toEqual({ round, atLeastOne: true });
        // Whatever the order, nothing unexpected went wrong: each request succeeded or was refused with a reason.
        for (const res of results.filter((r) => r.errors)) {
          expect(['FORBIDDEN', 'BAD_USER_INPUT']).toContain(code(res));
        }
        expect(succeeded(results)).toBeGreaterThanOrEqual(1);
      }
    });
  });
});
