// With introspection off (production's default), the schema is hidden on both doors: HTTP and graphql-ws
// refuse introspection, and neither hands out graphql-js' "Did you mean …?" suggestions, which name
// fields and types one guess at a time.
import { gql, signUpTenant, SignedUp, startTestApi, subscribe, TestApi, wsClient } from '../support';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ mee { role } }';

describe('introspection and suggestions, HTTP and graphql-ws alike', () => {
  let closed: TestApi;
  let open: TestApi;
  let closedTenant: SignedUp;
  let openTenant: SignedUp;

  beforeAll(async () => {
    closed = await startTestApi({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    open = await startTestApi({ database: closed.database, env: { GRAPHQL_INTROSPECTION: 'true' } });
    closedTenant = await signUpTenant(closed.graphqlUrl, 'introspection-off');
    openTenant = await signUpTenant(open.graphqlUrl, 'introspection-on');
  });

  afterAll(async () => {
    await open?.stop();
    await closed?.stop();
  });

  const overSocket = async (api: TestApi, tenant: SignedUp, query: string) => {
    const run = subscribe(wsClient(api.graphqlUrl, { token: tenant.token }), query);
    try {
      return { errors: await run.done, data: run.data };
    } finally {
      await run.close();
    }
  };

  it('refuses introspection over graphql-ws when it is off, as over HTTP', async () => {
    const http = await gql(closed.graphqlUrl, INTROSPECTION, {}, { token: closedTenant.token });
    expect(http.errors?.[0]?.message).toMatch(/introspection/i);
    const socket = await overSocket(closed, closedTenant, INTROSPECTION);
    expect(socket.data).toEqual([]);
    expect(socket.errors[0]).toMatchObject({
      message: expect.stringMatching(/introspection/i),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // On when configured so: the same query answers.
    expect((await overSocket(open, openTenant, INTROSPECTION)).data).toEqual([
      { __schema: { queryType: { name: 'Query' } } },
    ]);
  });

  it('gives no "Did you mean" suggestions on either door when introspection is off', async () => {
    const http = await gql(closed.graphqlUrl, TYPO, {}, { token: closedTenant.token });
    const socket = await overSocket(closed, closedTenant, TYPO);
    for (const message of [http.errors?.[0]?.message, socket.errors[0]?.message]) {
      expect(message).toMatch(/Cannot query field "mee"/);
      expect(message).not.toMatch(/Did you mean/);
    }
    const helpful = await gql(open.graphqlUrl, TYPO, {}, { token: openTenant.token });
    expect(helpful.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
  });
});
