// Sign-up, log-in, sessions and input validation over real HTTP against the real API, Postgres and Redis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { schemaSdl } from '../../src/schema/print-schema';
import { gql, ok, signUpTenant, startTestApi, TestApi } from '../support';

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { token role user { id email } tenant { id name } }
}`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token role user { email } tenant { id name } } }`;
const ME = `{ me { role user { id email } tenant { id name } apiKey { id } } }`;

describe('authentication', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('serves exactly the committed schema', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(schemaSdl(api.app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });

  it('reports Postgres and Redis on /healthz', async () => {
    const res = await fetch(`${api.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('reports a Redis that does not answer as down (503), and keeps serving GraphQL', async () => {
    const broken = await startTestApi({ database: api.database, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await fetch(`${broken.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'degraded', postgres: 'up', redis: 'down' });
      // Rate limiting fails open (logged) rather than taking the API down with Redis.
      const owner = await signUpTenant(broken.graphqlUrl, 'noredis');
      expect(
        ok(await gql<{ me: { role: string } }>(broken.graphqlUrl, ME, {}, { token: owner.token })).me.role,
      ).toBe('OWNER');
    } finally {
      await broken.app.close();
    }
  });

  it('signs up a tenant with its OWNER, who is then "me"', async () => {
    const email = `Ada.${Date.now()}@Example.com`;
    const res = await gql<{
      signUp: {
        token: string;
        role: string;
        user: { id: string; email: string };
        tenant: { id: string; name: string };
      };
    }>(api.graphqlUrl, SIGN_UP, {
      input: { email, password: 'correct horse battery', tenantName: '  Ada Dance Lab ' },
    });
    const { signUp } = ok(res);
    expect(signUp.role).toBe('OWNER');
    expect(signUp.user.email).toBe(email.toLowerCase());
    expect(signUp.tenant.name).toBe('Ada Dance Lab');

    const me = ok(await gql<{ me: unknown }>(api.graphqlUrl, ME, {}, { token: signUp.token }));
    expect(me.me).toEqual({
      role: 'OWNER',
      user: signUp.user,
      tenant: signUp.tenant,
      apiKey: null,
    });
  });

  it('stores the password as an argon2id hash, never as given', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'hash');
    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.database.config.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT password_hash FROM users WHERE id = $1', [owner.userId]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(rows[0].password_hash).not.toContain('correct horse battery');
    } finally {
      await client.end();
    }
  });

  it('logs in with the right password', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'login');
    const res = await gql<{ login: { token: string; tenant: { id: string } } }>(api.graphqlUrl, LOGIN, {
      input: { email: owner.email.toUpperCase(), password: 'correct horse battery' },
    });
    const { login } = ok(res);
    expect(login.tenant.id).toBe(owner.tenantId);
    expect(
      ok(await gql<{ me: { tenant: { id: string } } }>(api.graphqlUrl, ME, {}, { token: login.token })).me
        .tenant.id,
    ).toBe(owner.tenantId);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'wrongpw');
    const wrongPassword = await gql(api.graphqlUrl, LOGIN, {
      input: { email: owner.email, password: 'not the password' },
    });
    const unknownEmail = await gql(api.graphqlUrl, LOGIN, {
      input: { email: `nobody-${Date.now()}@example.com`, password: 'not the password' },
    });
    expect(wrongPassword.errors).toEqual([
      {
        message: 'Email or password is incorrect',
        locations: expect.any(Array),
        path: ['login'],
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ]);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.errors).toEqual(wrongPassword.errors);
  });

  it('refuses a second account with the same email', async () => {
    const owner = await signUpTenant(api.graphqlUrl, 'dup');
    const res = await gql(api.graphqlUrl, SIGN_UP, {
      input: { email: owner.email, password: 'another long password', tenantName: 'Second' },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: 'An account with this email already exists; log in instead',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it.each([
    [
      { email: 'not-an-email', password: 'long enough pw', tenantName: 'T' },
      'email must be an email address',
    ],
    [
      { email: 'short@example.com', password: 'short', tenantName: 'T' },
      'password must be between 10 and 200 characters long',
    ],
    [
      { email: 'long@example.com', password: 'long enough pw', tenantName: 'x'.repeat(101) },
      'tenantName must be between 1 and 100',
    ],
    [
      { email: 'blank@example.com', password: 'long enough pw', tenantName: '   ' },
      'tenantName must be between 1 and 100',
    ],
  ])('validates sign-up input %#', async (input, message) => {
    const res = await gql(api.graphqlUrl, SIGN_UP, { input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(message);
    expect(res.data).toBeNull();
  });

  it('answers UNAUTHENTICATED without credentials, and 401 for a forged or malformed token', async () => {
    const anonymous = await gql(api.graphqlUrl, ME);
    expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

    const owner = await signUpTenant(api.graphqlUrl, 'forge');
    const [v, body] = owner.token.split('.');
    for (const token of [`${v}.${body}.AAAA`, 'garbage']) {
      const res = await gql(api.graphqlUrl, ME, {}, { token });
      expect(res.status).toBe(401);
      expect(res.errors).toEqual([
        {
          message: 'Your session is not valid or has expired; log in again',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
    }
    const unknownKey = await gql(api.graphqlUrl, ME, {}, { apiKey: 'lsk_not-a-key' });
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
