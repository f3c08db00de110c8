// Bad input and abuse over real HTTP: each gets a 4xx with words a client can act on, no stack trace or
// SQL text, and the server goes on serving. Rate budgets live in Redis and hold across API instances.
import { request } from 'node:http';
import Redis from 'ioredis';
import { createApiKey, gql, ok, signUpTenant, SignedUp, startTestApi, TestApi } from '../support';

const LEAKS = /\n\s+at |stacktrace|QueryFailedError|SELECT |INSERT |node_modules|\.ts:\d+/;

/** A raw POST, so that bodies fetch would refuse to build (broken JSON, 10 MB) can be sent. */
function post(url: string, body: Buffer | string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    // The server may answer (413) and close before the whole body is sent: the answer is what matters.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.end(payload);
  });
}

describe('bad input and abuse', () => {
  let api: TestApi;
  let owner: SignedUp;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUpTenant(api.graphqlUrl, 'abuse');
  });

  afterAll(async () => {
    await api?.stop();
  });

  async function expectStillServing(): Promise<void> {
    const res = await gql<{ me: { role: string } }>(
      api.graphqlUrl,
      '{ me { role } }',
      {},
      { token: owner.token },
    );
    expect(ok(res).me.role).toBe('OWNER');
  }

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await post(api.graphqlUrl, '{"query": "{ me { role } }", ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(res.text).not.toMatch(LEAKS);
    await expectStillServing();
  });

  it('answers a 10 MB body with 413 without reading it, and keeps serving', async () => {
    const pad = 'x'.repeat(10 * 1024 * 1024);
    const res = await post(api.graphqlUrl, JSON.stringify({ query: '{ me { role } }', variables: { pad } }), {
      authorization: `Bearer ${owner.token}`,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({
      errors: [
        {
          message: 'The request body is too large (the limit is 1048576 bytes)',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    await expectStillServing();
  });

  it('refuses a query nested 50 levels deep with 400, naming the limit', async () => {
    let selection = 'name';
    for (let i = 0; i < 45; i++) selection = `ofType { ${selection} }`;
    const query = `{ __schema { types { fields { type { ${selection} } } } } }`;
    const res = await gql(api.graphqlUrl, query, {}, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      {
        message: 'The operation is nested 50 levels deep; the limit is 15',
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect(res.text).not.toMatch(LEAKS);
    await expectStillServing();
  });

  it('refuses a query made expensive by aliases with 400', async () => {
    const aliases = Array.from({ length: 1500 }, (_, i) => `m${i}: me { role tenant { id name } }`).join(' ');
    const res = await gql(api.graphqlUrl, `{ ${aliases} }`, {}, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/^The operation is too complex \(cost \d+, the limit is 5000\)/);
    await expectStillServing();
  });

  it('answers a wrong type with 400, inline or as a variable, saying which value and type', async () => {
    const inline = await gql(
      api.graphqlUrl,
      '{ datasets(first: "ten") { edges { cursor } } }',
      {},
      { token: owner.token },
    );
    expect(inline.status).toBe(400);
    expect(inline.errors?.[0]).toMatchObject({
      message: 'Int cannot represent non-integer value: "ten"',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const variable = await gql(
      api.graphqlUrl,
      'query($first: Int!) { datasets(first: $first) { edges { cursor } } }',
      { first: 'ten' },
      { token: owner.token },
    );
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0]).toMatchObject({
      message: expect.stringContaining(
        'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value',
      ),
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const notAQuery = await post(api.graphqlUrl, JSON.stringify({ query: 42 }));
    expect(notAQuery.status).toBe(400);
    expect(notAQuery.text).not.toMatch(LEAKS);

    const syntax = await gql(api.graphqlUrl, '{ me { role }', {}, { token: owner.token });
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]).toMatchObject({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expectStillServing();
  });

  describe('rate limiting', () => {
    let limited: TestApi;
    let twin: TestApi;

    beforeAll(async () => {
      // Two API instances on the same database and Redis prefix: budgets are shared through Redis.
      const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_ANONYMOUS_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' };
      limited = await startTestApi({ database: api.database, env });
      twin = await startTestApi({
        database: api.database,
        env: { ...env, REDIS_KEY_PREFIX: limited.config.redis.keyPrefix },
      });
    });

    afterAll(async () => {
      await limited?.stop();
      await twin?.stop();
    });

    it('counts a key across API instances in Redis and answers 429 RATE_LIMITED past the budget', async () => {
      const key = (await createApiKey(api.graphqlUrl, owner.token, 'VIEWER')).secret;
      const other = (await createApiKey(api.graphqlUrl, owner.token, 'VIEWER')).secret;
      const me = (url: string, apiKey: string) => gql(url, '{ me { role } }', {}, { apiKey });

      expect((await me(limited.graphqlUrl, key)).status).toBe(200);
      expect((await me(twin.graphqlUrl, key)).status).toBe(200);
      expect((await me(limited.graphqlUrl, key)).status).toBe(200);
      const refused = await me(twin.graphqlUrl, key);
      expect(refused.status).toBe(429);
      expect(refused.errors).toEqual([
        {
          message: expect.stringMatching(/^Too many requests; try again in \d+ s$/),
          // As the README promises for every RATE_LIMITED, and as the Retry-After header says.
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        },
      ]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBe(
        Number(refused.headers.get('retry-after')),
      );

      expect((await me(limited.graphqlUrl, other)).status).toBe(200);

      const redis = new Redis(limited.config.redis.url);
      try {
        const keys = await redis.keys(`${limited.config.redis.keyPrefix}:rate:key:*`);
        expect(keys).toHaveLength(2);
      } finally {
        redis.disconnect();
      }
    });

    it('limits anonymous callers (and failed credentials) per IP', async () => {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(await gql(limited.graphqlUrl, '{ me { role } }', {}, { apiKey: `lsk_guess${i}` }));
      expect(results.map((r) => r.status)).toEqual([401, 401, 429]);
      expect(results[2].errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    });
  });
});
