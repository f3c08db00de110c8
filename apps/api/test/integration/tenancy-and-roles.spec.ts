// API-level isolation and authorisation: another tenant's ids are NOT_FOUND, lists never cross tenants,
// revoked keys stop at once, and each role can do exactly what it should. Real HTTP, Postgres and Redis.
import { randomUUID } from 'node:crypto';
import {
  createApiKey,
  Credentials,
  gql,
  GraphQLResponse,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  TestApi,
} from '../support';

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) {
  createDataset(input: $input) { id name category description createdAt }
}`;
const DATASET = `query($id: ID!) { dataset(id: $id) { id name category description createdAt } }`;
const DATASETS = `query($first: Int!, $after: String) {
  datasets(first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const ME = `{ me { role user { id } tenant { id } apiKey { id name role } } }`;

interface Dataset {
  id: string;
  name: string;
}

describe('tenancy and roles through the API', () => {
  let api: TestApi;
  let a: SignedUp;
  let b: SignedUp;
  let aKey: string;
  let bKey: string;
  let aDataset: Dataset;

  const createDataset = async (who: Credentials, name: string, category = 'DANCE') =>
    gql<{ createDataset: Dataset }>(
      api.graphqlUrl,
      CREATE_DATASET,
      { input: { name, category, description: '' } },
      who,
    );

  const listAll = async (who: Credentials): Promise<Dataset[]> => {
    const res = await gql<{ datasets: { edges: { node: Dataset }[] } }>(
      api.graphqlUrl,
      DATASETS,
      { first: 100 },
      who,
    );
    return ok(res).datasets.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    api = await startTestApi();
    a = await signUpTenant(api.graphqlUrl, 'alpha');
    b = await signUpTenant(api.graphqlUrl, 'beta');
    aKey = (await createApiKey(api.graphqlUrl, a.token, 'CURATOR')).secret;
    bKey = (await createApiKey(api.graphqlUrl, b.token, 'OWNER')).secret;
    aDataset = ok(await createDataset({ token: a.token }, 'Alpha ballet')).createDataset;
    ok(await createDataset({ apiKey: bKey }, 'Beta skating', 'FIGURE_SKATING'));
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('gives tenant A its own dataset by id, with a token and with a key', async () => {
    for (const who of [{ token: a.token }, { apiKey: aKey }]) {
      const res = await gql<{ dataset: Dataset }>(api.graphqlUrl, DATASET, { id: aDataset.id }, who);
      expect(ok(res).dataset).toEqual(aDataset);
    }
  });

  it("answers NOT_FOUND to tenant B's token and key for A's dataset id, exactly as for a missing id", async () => {
    const missing = randomUUID();
    for (const who of [{ token: b.token }, { apiKey: bKey }]) {
      const foreign = await gql(api.graphqlUrl, DATASET, { id: aDataset.id }, who);
      const absent = await gql(api.graphqlUrl, DATASET, { id: missing }, who);
      expect(foreign.errors).toEqual([
        {
          message: `Dataset ${aDataset.id} was not found`,
          locations: expect.any(Array),
          path: ['dataset'],
          extensions: { code: 'NOT_FOUND' },
        },
      ]);
      expect(absent.errors?.[0].message).toBe(`Dataset ${missing} was not found`);
      expect({ ...foreign.errors?.[0], message: '' }).toEqual({ ...absent.errors?.[0], message: '' });
      expect(foreign.status).toBe(absent.status);
      expect(foreign.data).toBeNull();
    }
    const junk = await gql(api.graphqlUrl, DATASET, { id: 'not-a-uuid' }, { token: b.token });
    expect(junk.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it("never lists A's rows to B (datasets, keys, members), nor B's to A", async () => {
    expect((await listAll({ token: b.token })).map((d) => d.name)).toEqual(['Beta skating']);
    expect((await listAll({ apiKey: bKey })).map((d) => d.name)).toEqual(['Beta skating']);
    expect((await listAll({ token: a.token })).map((d) => d.name)).toEqual(['Alpha ballet']);

    const keys = ok(
      await gql<{ apiKeys: { edges: { node: { role: string } }[] } }>(
        api.graphqlUrl,
        '{ apiKeys { edges { node { role } } } }',
        {},
        { token: b.token },
      ),
    );
    expect(keys.apiKeys.edges).toEqual([{ node: { role: 'OWNER' } }]);
    const members = ok(
      await gql<{ members: { edges: { node: { user: { email: string } } }[] } }>(
        api.graphqlUrl,
        '{ members { edges { node { user { email } } } } }',
        {},
        { token: b.token },
      ),
    );
    expect(members.members.edges.map((e) => e.node.user.email)).toEqual([b.email]);
  });

  it('refuses a revoked key on its very next request', async () => {
    const key = await createApiKey(api.graphqlUrl, a.token, 'VIEWER', 'short-lived');
    const before = ok(
      await gql<{ me: { apiKey: { id: string } } }>(api.graphqlUrl, ME, {}, { apiKey: key.secret }),
    );
    expect(before.me.apiKey.id).toBe(key.id);

    const revoked = await gql<{ revokeApiKey: { id: string; revokedAt: string } }>(
      api.graphqlUrl,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
      { id: key.id },
      { token: a.token },
    );
    expect(ok(revoked).revokeApiKey.revokedAt).toEqual(expect.any(String));

    const after = await gql(api.graphqlUrl, ME, {}, { apiKey: key.secret });
    expect(after.status).toBe(401);
    expect(after.errors).toEqual([
      { message: 'The API key is not valid (unknown or revoked)', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });

  it("cannot revoke another tenant's key (NOT_FOUND), which keeps working", async () => {
    const bKeyId = ok(await gql<{ me: { apiKey: { id: string } } }>(api.graphqlUrl, ME, {}, { apiKey: bKey }))
      .me.apiKey.id;
    const res = await gql(
      api.graphqlUrl,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: bKeyId },
      { token: a.token },
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(ok(await gql(api.graphqlUrl, ME, {}, { apiKey: bKey }))).toBeTruthy();
  });

  it("describes an API key caller in me: the key's role, no user", async () => {
    const me = ok(await gql<{ me: unknown }>(api.graphqlUrl, ME, {}, { apiKey: aKey }));
    expect(me.me).toEqual({
      role: 'CURATOR',
      user: null,
      tenant: { id: a.tenantId },
      apiKey: { id: expect.any(String), name: 'curator key', role: 'CURATOR' },
    });
  });

  it("stores only the key's hash: the secret is nowhere in the database", async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.database.config.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT to_jsonb(k)::text AS row FROM api_keys k`);
      expect(rows.length).toBeGreaterThan(0);
      for (const { row } of rows) expect(row).not.toContain(aKey.slice(12));
    } finally {
      await client.end();
    }
  });

  describe('roles', () => {
    let viewer: Credentials;
    let viewerKey: Credentials;
    let curator: Credentials;

    beforeAll(async () => {
      viewer = { token: await joinAs(a, 'VIEWER') };
      curator = { token: await joinAs(a, 'CURATOR') };
      viewerKey = { apiKey: (await createApiKey(api.graphqlUrl, a.token, 'VIEWER')).secret };
    });

    async function joinAs(owner: SignedUp, role: string): Promise<string> {
      const email = `${role.toLowerCase()}-${Date.now()}@example.com`;
      const invite = await gql<{ inviteMember: { token: string; role: string } }>(
        api.graphqlUrl,
        'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token role email expiresAt } }',
        { input: { email, role } },
        { token: owner.token },
      );
      const accepted = await gql<{
        acceptInvitation: { token: string; role: string; tenant: { id: string } };
      }>(
        api.graphqlUrl,
        'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token role tenant { id } } }',
        { input: { token: ok(invite).inviteMember.token, password: 'a good long password' } },
      );
      expect(ok(accepted).acceptInvitation).toMatchObject({ role, tenant: { id: owner.tenantId } });
      return ok(accepted).acceptInvitation.token;
    }

    it("FORBIDS a VIEWER's createDataset, by session and by key, and creates nothing", async () => {
      for (const who of [viewer, viewerKey]) {
        const res = await createDataset(who, `viewer attempt ${JSON.stringify(who).length}`);
        expect(res.errors).toEqual([
          {
            message: 'Your role (VIEWER) may not do this; it needs OWNER or CURATOR',
            locations: expect.any(Array),
            path: ['createDataset'],
            extensions: { code: 'FORBIDDEN' },
          },
        ]);
      }
      expect((await listAll({ token: a.token })).map((d) => d.name)).not.toContainEqual(
        expect.stringMatching(/viewer/),
      );
    });

    it('lets a VIEWER read, and a CURATOR create datasets', async () => {
      expect(ok(await gql(api.graphqlUrl, DATASET, { id: aDataset.id }, viewer))).toBeTruthy();
      const created = ok(await createDataset(curator, 'Curated floor', 'FLOOR_EXERCISE')).createDataset;
      expect(created.name).toBe('Curated floor');
    });

    it('lets only an OWNER manage keys and members', async () => {
      const attempts = [
        ['mutation { createApiKey(input: { name: "x", role: OWNER }) { secret } }', 'createApiKey'],
        ['{ apiKeys { edges { node { id } } } }', 'apiKeys'],
        [
          'mutation { inviteMember(input: { email: "x@example.com", role: VIEWER }) { token } }',
          'inviteMember',
        ],
      ];
      for (const who of [curator, viewer, viewerKey, { apiKey: aKey }]) {
        for (const [query, path] of attempts) {
          const res = await gql(api.graphqlUrl, query, {}, who);
          expect({ path, code: res.errors?.[0].extensions?.code }).toEqual({ path, code: 'FORBIDDEN' });
        }
      }
      const members = ok(
        await gql<{ members: { edges: { node: { role: string } }[] } }>(
          api.graphqlUrl,
          '{ members { edges { node { role } } } }',
          {},
          viewer,
        ),
      );
      expect(members.members.edges.map((e) => e.node.role).sort()).toEqual(['CURATOR', 'OWNER', 'VIEWER']);
    });
  });

  describe('invitations', () => {
    const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }';
    const ACCEPT =
      'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token tenant { id } } }';

    it('is single-use', async () => {
      const { inviteMember } = ok(
        await gql<{ inviteMember: { token: string } }>(
          api.graphqlUrl,
          INVITE,
          { input: { email: `once-${Date.now()}@example.com`, role: 'VIEWER' } },
          { token: a.token },
        ),
      );
      ok(
        await gql(api.graphqlUrl, ACCEPT, {
          input: { token: inviteMember.token, password: 'a good long password' },
        }),
      );
      const again = await gql(api.graphqlUrl, ACCEPT, {
        input: { token: inviteMember.token, password: 'a good long password' },
      });
      expect(again.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringMatching(/not valid/),
      });
    });

    it('lets an existing account join a second tenant with its own password only, then log in to either', async () => {
      const { inviteMember } = ok(
        await gql<{ inviteMember: { token: string } }>(
          api.graphqlUrl,
          INVITE,
          { input: { email: b.email, role: 'ENGINEER' } },
          { token: a.token },
        ),
      );
      const wrong = await gql(api.graphqlUrl, ACCEPT, {
        input: { token: inviteMember.token, password: 'not the password' },
      });
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const joined = ok(
        await gql<{ acceptInvitation: { tenant: { id: string } } }>(api.graphqlUrl, ACCEPT, {
          input: { token: inviteMember.token, password: 'correct horse battery' },
        }),
      );
      expect(joined.acceptInvitation.tenant.id).toBe(a.tenantId);

      const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { role tenant { id } } }';
      const intoA = ok(
        await gql<{ login: unknown }>(api.graphqlUrl, LOGIN, {
          input: { email: b.email, password: 'correct horse battery', tenantId: a.tenantId },
        }),
      );
      expect(intoA.login).toEqual({ role: 'ENGINEER', tenant: { id: a.tenantId } });
      const byDefault = ok(
        await gql<{ login: unknown }>(api.graphqlUrl, LOGIN, {
          input: { email: b.email, password: 'correct horse battery' },
        }),
      );
      expect(byDefault.login).toEqual({ role: 'OWNER', tenant: { id: b.tenantId } });
    });
  });

  describe('datasets', () => {
    it('pages newest first with stable cursors, and refuses foreign cursors and bad sizes', async () => {
      const owner = await signUpTenant(api.graphqlUrl, 'pager');
      const names = ['one', 'two', 'three', 'four', 'five'];
      for (const name of names) ok(await createDataset({ token: owner.token }, name));

      interface Page {
        datasets: { edges: { node: Dataset }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const res: GraphQLResponse<Page> = await gql<Page>(
          api.graphqlUrl,
          DATASETS,
          { first: 2, after },
          { token: owner.token },
        );
        const { datasets }: Page = ok(res);
        seen.push(...datasets.edges.map((e) => e.node.name));
        after = datasets.pageInfo.hasNextPage ? datasets.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(pages).toBe(3);
      expect(seen).toEqual([...names].reverse());

      for (const [variables, message] of [
        [{ first: 0 }, 'first must be between 1 and 100'],
        [{ first: 101 }, 'first must be between 1 and 100'],
        [{ first: 2, after: 'bogus' }, 'after must be an endCursor'],
      ] as const) {
        const res = await gql(api.graphqlUrl, DATASETS, variables, { token: owner.token });
        expect(res.errors?.[0]).toMatchObject({
          extensions: { code: 'BAD_USER_INPUT' },
          message: expect.stringContaining(message),
        });
      }
    });

    it('validates dataset input: duplicate name, empty name, unknown category', async () => {
      const dup = await createDataset({ token: a.token }, 'Alpha ballet');
      expect(dup.errors?.[0]).toMatchObject({
        message: 'A dataset named "Alpha ballet" already exists; choose another name',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const empty = await createDataset({ token: a.token }, ' ');
      expect(empty.errors?.[0].message).toContain('name must be between 1 and 100 characters long');
      const unknown = await createDataset({ token: a.token }, 'Jazz', 'JAZZ');
      expect(unknown.status).toBe(400);
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(unknown.errors?.[0].message).toMatch(/JAZZ.*DatasetCategory/);
    });
  });
});
