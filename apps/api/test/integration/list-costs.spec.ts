// Lists under the cost limit (issue 12, defect 5): every list is a bounded page, the cost counts the page a
// list can really return, one operation cannot fan out into hundreds of database transactions through
// aliases, and a tenant's API keys are capped.
import { Client } from 'pg';
import { createApiKey, gql, ok, signUpTenant, SignedUp, startTestApi, TestApi } from '../support';

const KEY_FIELDS = 'id name prefix role createdAt lastUsedAt revokedAt';
const KEY_CAP = 12;

function aliases(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

describe('list costs and bounds', () => {
  let api: TestApi;
  let owner: SignedUp;
  let db: Client;

  beforeAll(async () => {
    api = await startTestApi({ env: { API_KEYS_MAX_PER_TENANT: String(KEY_CAP) } });
    owner = await signUpTenant(api.graphqlUrl, 'lists');
    for (let i = 0; i < KEY_CAP - 2; i++)
      await createApiKey(api.graphqlUrl, owner.token, 'VIEWER', `key ${i}`);
    db = new Client({ connectionString: api.database.config.ownerUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  it('refuses 700 aliases of apiKeys by cost, without answering them', async () => {
    const started = Date.now();
    const res = await gql(
      api.graphqlUrl,
      aliases(700, `apiKeys { edges { node { ${KEY_FIELDS} } } }`),
      {},
      owner,
    );
    const ms = Date.now() - started;
    expect(res.status).toBe(400);
    expect(res.data ?? undefined).toBeUndefined();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(res.errors?.[0].message).toMatch(/too complex \(cost \d+, the limit is 5000\)/);
    expect(res.errors?.[1].message).toMatch(/selects 700 root fields \(aliases included\); the limit is 20/);
    expect(res.text.length).toBeLessThan(2000);
    console.log(`700 aliases of apiKeys: refused in ${ms} ms, ${res.text.length} bytes`);
  });

  it('counts a list at the page it can return, not once: 20 aliases of a 100-key page are too costly', async () => {
    const res = await gql(
      api.graphqlUrl,
      aliases(20, `apiKeys(first: 100) { edges { node { ${KEY_FIELDS} } } }`),
      {},
      owner,
    );
    expect(res.errors?.[0].message).toMatch(/too complex/);
    // The same page without `first` counts its default (20), which fits.
    const fits = await gql(
      api.graphqlUrl,
      aliases(3, `apiKeys { edges { node { ${KEY_FIELDS} } } }`),
      {},
      owner,
    );
    expect(Object.keys(ok(fits))).toHaveLength(3);
  });

  it('refuses 1000 aliases of soundtrackJobs(first: 1) in validation, before any database transaction', async () => {
    const transactions = async () => {
      // Backends report their counts when idle for a while: wait that out, then read a fresh snapshot.
      await new Promise((r) => setTimeout(r, 11_500));
      await db.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await db.query<{ n: string }>(
        'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
      );
      return Number(rows[0].n);
    };
    const before = await transactions();
    const res = await gql(
      api.graphqlUrl,
      aliases(1000, 'soundtrackJobs(first: 1) { edges { node { id } } }'),
      {},
      owner,
    );
    const after = await transactions();
    expect(res.status).toBe(400);
    expect(res.data ?? undefined).toBeUndefined();
    expect(res.errors?.map((e) => e.message)).toEqual([
      'The operation selects 1000 root fields (aliases included); the limit is 20: send fewer aliases, or split it into several requests',
    ]);
    // The request's authentication may touch the database; a thousand resolvers would be a thousand more.
    expect(after - before).toBeLessThan(20);
  }, 40_000);

  it('pages API keys newest first and members oldest first with first/after', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: {
        apiKeys: {
          edges: { node: { name: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = ok(
        await gql(
          api.graphqlUrl,
          'query($after: String) { apiKeys(first: 4, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }',
          { after },
          owner,
        ),
      );
      seen.push(...page.apiKeys.edges.map((e) => e.node.name));
      after = page.apiKeys.pageInfo.hasNextPage ? page.apiKeys.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(Array.from({ length: KEY_CAP - 2 }, (_, i) => `key ${KEY_CAP - 3 - i}`));

    const members = ok(
      await gql<{
        members: { edges: { node: { user: { email: string } } }[]; pageInfo: { hasNextPage: boolean } };
      }>(
        api.graphqlUrl,
        '{ members(first: 1) { edges { node { user { email } } } pageInfo { hasNextPage } } }',
        {},
        owner,
      ),
    );
    expect(members.members).toEqual({
      edges: [{ node: { user: { email: owner.email } } }],
      pageInfo: { hasNextPage: false },
    });
    const tooBig = await gql(api.graphqlUrl, '{ members(first: 101) { edges { node { id } } } }', {}, owner);
    expect(tooBig.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 100',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it(`caps a tenant at API_KEYS_MAX_PER_TENANT active keys, and a revoked key frees its place`, async () => {
    const CREATE =
      'mutation($name: String!) { createApiKey(input: { name: $name, role: VIEWER }) { apiKey { id } } }';
    // Two places left; four at once must not all get one.
    const results = await Promise.all(
      ['c1', 'c2', 'c3', 'c4'].map((name) => gql(api.graphqlUrl, CREATE, { name }, owner)),
    );
    const created = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(created).toHaveLength(2);
    for (const res of refused) {
      expect(res.errors?.[0]).toMatchObject({
        message: `This tenant already has ${KEY_CAP} active API keys, the most allowed: revoke one before creating another`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const { id } = (created[0].data as { createApiKey: { apiKey: { id: string } } }).createApiKey.apiKey;
    ok(await gql(api.graphqlUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, owner));
    ok(await gql(api.graphqlUrl, CREATE, { name: 'after revoke' }, owner));
  });
});
