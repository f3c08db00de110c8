// A key made without a role acts as an ENGINEER, so it can generate; a key made with a role (every client
// written before the default existed) still gets exactly that role. Real HTTP, Postgres and Redis.
import { gql, ok, signUpTenant, SignedUp, startTestApi, TestApi } from '../support';

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id role } }
}`;
const ME = `{ me { role apiKey { id } } }`;

type Created = { createApiKey: { secret: string; apiKey: { id: string; role: string } } };

describe('API key role', () => {
  let api: TestApi;
  let owner: SignedUp;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUpTenant(api.graphqlUrl, 'keys');
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('is ENGINEER when createApiKey names none, and the key acts as one', async () => {
    const created = ok(
      await gql<Created>(api.graphqlUrl, CREATE, { input: { name: 'ci' } }, { token: owner.token }),
    );
    expect(created.createApiKey.apiKey.role).toBe('ENGINEER');
    const me = ok(
      await gql<{ me: { role: string } }>(api.graphqlUrl, ME, {}, { apiKey: created.createApiKey.secret }),
    );
    expect(me.me.role).toBe('ENGINEER');
  });

  it('is the role asked for when one is named', async () => {
    const created = ok(
      await gql<Created>(
        api.graphqlUrl,
        CREATE,
        { input: { name: 'dashboard', role: 'VIEWER' } },
        { token: owner.token },
      ),
    );
    expect(created.createApiKey.apiKey.role).toBe('VIEWER');
  });
});
