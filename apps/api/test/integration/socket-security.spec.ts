// graphql-ws under the same rules as HTTP: each operation on an open socket is authenticated and authorised
// as an HTTP request would be at that moment, running subscriptions end when their credentials stop holding,
// socket traffic is charged to the same rate budgets, and sockets are bounded (message size, count per IP
// and per caller, time to connection_init). Raw protocol messages, so close codes and "same socket" are
// observed directly.
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import {
  createApiKey,
  gql,
  GraphQLError,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  synthPosesJson,
  TestApi,
  uploadBytes,
  waitFor,
} from '../support';

const MODEL_DIR = 'libs/inference/fixtures/parity/model';

interface Outcome {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

interface Closed {
  code: number;
  reason: string;
}

/** One graphql-transport-ws socket, spoken by hand. */
class RawSocket {
  readonly closed: Promise<Closed>;
  private readonly listeners = new Map<string, (message: { type: string; payload?: unknown }) => void>();
  private acked?: () => void;
  private nextId = 0;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'connection_ack') this.acked?.();
      else if (message.id) this.listeners.get(message.id)?.(message);
    });
  }

  static async open(api: TestApi): Promise<RawSocket> {
    const ws = new WebSocket(api.graphqlUrl.replace(/^http/, 'ws'), GRAPHQL_TRANSPORT_WS_PROTOCOL);
    const socket = new RawSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', (code) => resolve(void code));
      ws.once('error', reject);
    });
    return socket;
  }

  /** connection_init with `params`; resolves 'ack', or the close if the server refused. */
  async init(params: Record<string, unknown>): Promise<'ack' | Closed> {
    const acked = new Promise<'ack'>((resolve) => (this.acked = () => resolve('ack')));
    this.ws.send(JSON.stringify({ type: 'connection_init', payload: params }));
    return Promise.race([acked, this.closed]);
  }

  /** A query or mutation: its one result, or the errors of an `error` message. */
  request(query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
    return new Promise((resolve) => {
      const id = this.send(query, variables, (message) => {
        this.listeners.delete(id);
        resolve(
          message.type === 'error'
            ? { errors: message.payload as GraphQLError[] }
            : (message.payload as Outcome),
        );
      });
    });
  }

  /** A subscription: every `next` payload, and `ended` with the errors it ended with ([] on complete). */
  subscribe(query: string, variables: Record<string, unknown> = {}) {
    const events: Outcome[] = [];
    let end: (errors: GraphQLError[]) => void = () => undefined;
    const ended = new Promise<GraphQLError[]>((resolve) => (end = resolve));
    this.send(query, variables, (message) => {
      if (message.type === 'next') events.push(message.payload as Outcome);
      else end(message.type === 'error' ? (message.payload as GraphQLError[]) : []);
    });
    return { events, ended };
  }

  close(): Promise<Closed> {
    this.ws.close();
    return this.closed;
  }

  private send(
    query: string,
    variables: Record<string, unknown>,
    on: (m: { type: string; payload?: unknown }) => void,
  ) {
    const id = String(++this.nextId);
    this.listeners.set(id, on);
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    return id;
  }
}

/** Settles with `promise`, or with 'timeout' after `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

// The server sees a socket's close a moment after the client does; its slots are free after that.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const codeOf = (outcome: Outcome) => outcome.errors?.[0]?.extensions?.code;

const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name, role: VIEWER }) { apiKey { id } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`;
const JOB_UPDATES = `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { id status } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

describe('graphql-ws sockets under the same rules as HTTP', () => {
  let api: TestApi;
  let pg: PgClient;
  const sockets: RawSocket[] = [];

  const openSocket = async (target: TestApi = api) => {
    const socket = await RawSocket.open(target);
    sockets.push(socket);
    return socket;
  };

  /** A QUEUED soundtrack job of `tenant` (no worker runs here), for a subscription that stays open. */
  const queuedJob = async (tenant: SignedUp): Promise<string> => {
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    const res = await gql<{ requestSoundtrack: { id: string } }>(
      api.graphqlUrl,
      `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
      { input: { posesUploadId: upload.body.id, genre: 'House', seconds: 1 } },
      { token: tenant.token },
    );
    return ok(res).requestSoundtrack.id;
  };

  beforeAll(async () => {
    // A short re-check interval, so the suite waits little for running subscriptions to end.
    api = await startTestApi({ env: { MODEL_DIR, WS_RECHECK_INTERVAL_MS: '300' } });
    pg = new PgClient({ connectionString: api.database.config.ownerUrl });
    await pg.connect();
  });

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  });

  afterAll(async () => {
    await pg?.end();
    await api?.stop();
  });

  describe('credentials, checked at every operation', () => {
    it('refuses the next operation on an open socket once its API key is revoked over HTTP', async () => {
      const owner = await signUpTenant(api.graphqlUrl, 'ws-revoke');
      const key = await createApiKey(api.graphqlUrl, owner.token, 'OWNER');
      const socket = await openSocket();
      expect(await socket.init({ apiKey: key.secret })).toBe('ack');
      expect(codeOf(await socket.request(CREATE_KEY, { name: 'before' }))).toBeUndefined();

      ok(await gql(api.graphqlUrl, REVOKE_KEY, { id: key.id }, { token: owner.token }));

      const after = await socket.request(CREATE_KEY, { name: 'x' });
      expect(after.errors).toEqual([
        {
          message: 'The API key is not valid (unknown or revoked)',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
      const made = await pg.query(`SELECT 1 FROM api_keys WHERE tenant_id = $1 AND name = 'x'`, [
        owner.tenantId,
      ]);
      expect(made.rowCount).toBe(0);
    });

    it('ends a running subscription within the re-check interval after its key is revoked', async () => {
      const owner = await signUpTenant(api.graphqlUrl, 'ws-running');
      const key = await createApiKey(api.graphqlUrl, owner.token, 'VIEWER');
      const jobId = await queuedJob(owner);
      const socket = await openSocket();
      expect(await socket.init({ apiKey: key.secret })).toBe('ack');
      const updates = socket.subscribe(JOB_UPDATES, { id: jobId });
      await waitFor(async () => updates.events[0], 'the first job update', 5000);

      const revokedAt = Date.now();
      ok(await gql(api.graphqlUrl, REVOKE_KEY, { id: key.id }, { token: owner.token }));
      // The socket sends nothing meanwhile: only the server's re-check can end it.
      const ended = await within(updates.ended, 5000);
      expect(ended).toEqual([
        { message: 'The API key is not valid (unknown or revoked)', extensions: { code: 'UNAUTHENTICATED' } },
      ]);
      // WS_RECHECK_INTERVAL_MS is 300 here: one interval and a query, with room for a busy machine.
      expect(Date.now() - revokedAt).toBeLessThan(2500);
    });

    it('applies a lowered role to the next operation and ends running subscriptions with FORBIDDEN', async () => {
      const owner = await signUpTenant(api.graphqlUrl, 'ws-role');
      const jobId = await queuedJob(owner);
      const socket = await openSocket();
      expect(await socket.init({ authorization: `Bearer ${owner.token}` })).toBe('ack');
      expect(codeOf(await socket.request(CREATE_KEY, { name: 'as owner' }))).toBeUndefined();
      const updates = socket.subscribe(JOB_UPDATES, { id: jobId });
      await waitFor(async () => updates.events[0], 'the first job update', 5000);

      await pg.query(`UPDATE memberships SET role = 'VIEWER' WHERE user_id = $1`, [owner.userId]);

      const refused = await socket.request(CREATE_KEY, { name: 'as viewer' });
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toMatch(/Your role \(VIEWER\) may not do this; it needs OWNER/);
      const [ended] = (await within(updates.ended, 5000)) as GraphQLError[];
      expect(ended).toMatchObject({
        message: expect.stringMatching(/role changed from OWNER to VIEWER .*subscribe again/),
        extensions: { code: 'FORBIDDEN' },
      });
      // Still a member: what a viewer may do works on the same socket.
      expect((await socket.request('{ me { role } }')).data).toEqual({ me: { role: 'VIEWER' } });

      await pg.query(`DELETE FROM memberships WHERE user_id = $1`, [owner.userId]);
      expect(codeOf(await socket.request('{ me { role } }'))).toBe('UNAUTHENTICATED');
    });
  });

  describe('rate limits', () => {
    let limited: TestApi;

    beforeEach(async () => {
      // A fresh Redis prefix each time, so each test starts with full budgets.
      limited = await startTestApi({
        database: api.database,
        env: { RATE_LIMIT_MAX: '20', RATE_LIMIT_ANONYMOUS_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' },
      });
    });

    afterEach(async () => {
      await Promise.all(sockets.splice(0).map((socket) => socket.close()));
      await limited?.stop();
    });

    it('charges every operation on a socket to the API key budget HTTP charges', async () => {
      const owner = await signUpTenant(limited.graphqlUrl, 'ws-budget');
      const key = await createApiKey(limited.graphqlUrl, owner.token, 'VIEWER');
      const socket = await openSocket(limited);
      expect(await socket.init({ apiKey: key.secret })).toBe('ack'); // 1 of 20
      ok(await gql(limited.graphqlUrl, '{ me { role } }', {}, { apiKey: key.secret })); // 2 of 20

      const outcomes = await Promise.all(Array.from({ length: 30 }, () => socket.request('{ me { role } }')));
      const refused = outcomes.filter((o) => codeOf(o) === 'RATE_LIMITED');
      expect(outcomes.length - refused.length).toBe(18);
      expect(refused).toHaveLength(12);
      expect(refused[0].errors).toEqual([
        {
          message: expect.stringMatching(/^Too many requests; try again in \d+ s$/),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        },
      ]);
      // One budget for both doors: HTTP is refused now too.
      expect((await gql(limited.graphqlUrl, '{ me { role } }', {}, { apiKey: key.secret })).status).toBe(429);
    });

    it('limits wrong logins over a socket as over HTTP', async () => {
      const owner = await signUpTenant(limited.graphqlUrl, 'ws-login');
      const key = await createApiKey(limited.graphqlUrl, owner.token, 'VIEWER');
      const wrong = { input: { email: owner.email, password: 'not the password at all' } };
      const socket = await openSocket(limited);
      expect(await socket.init({ apiKey: key.secret })).toBe('ack');

      const codes: unknown[] = [];
      for (let i = 0; i < 22; i++) codes.push(codeOf(await socket.request(LOGIN, wrong)));
      expect(codes.slice(0, 19)).toEqual(Array(19).fill('UNAUTHENTICATED'));
      expect(codes.slice(19)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);

      const http = await gql(limited.graphqlUrl, LOGIN, wrong, { apiKey: key.secret });
      expect(http.status).toBe(429);
      expect(http.errors?.[0].extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
    });

    it('charges connection attempts without valid credentials to the IP, as HTTP does', async () => {
      const refusals: unknown[] = [];
      for (const params of [
        {},
        { apiKey: 'lsk_guess1' },
        { authorization: 'Bearer nope' },
        { apiKey: 'lsk_guess2' },
      ]) {
        const socket = await openSocket(limited);
        refusals.push(await socket.init(params));
      }
      expect(refusals.slice(0, 3)).toEqual(Array(3).fill({ code: 4403, reason: 'Forbidden' }));
      expect(refusals[3]).toEqual({
        code: 4430,
        reason: expect.stringMatching(/^Too many requests; try again in \d+ s$/),
      });
      // The same IP budget as HTTP's anonymous callers.
      expect((await gql(limited.graphqlUrl, '{ me { role } }')).status).toBe(429);
    });
  });

  describe('message size', () => {
    it('closes a socket whose connection_init is over the default payload limit (1009), and keeps serving', async () => {
      const socket = await openSocket();
      const started = Date.now();
      socket.ws.send(
        JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(30 * 1024 * 1024) } }),
      );
      const closed = await within(socket.closed, 10_000);
      expect(closed).toMatchObject({ code: 1009 });
      console.log(`30 MB connection_init: closed with 1009 after ${Date.now() - started} ms`);

      const owner = await signUpTenant(api.graphqlUrl, 'ws-payload');
      expect(ok(await gql(api.graphqlUrl, '{ me { role } }', {}, owner)).me).toEqual({ role: 'OWNER' });
      const next = await openSocket();
      expect(await next.init({ authorization: `Bearer ${owner.token}` })).toBe('ack');
    });
  });

  describe('socket bounds', () => {
    let bounded: TestApi;
    let owner: SignedUp;

    beforeAll(async () => {
      bounded = await startTestApi({
        database: api.database,
        env: {
          WS_MAX_SOCKETS_PER_IP: '3',
          WS_MAX_SOCKETS_PER_CALLER: '2',
          WS_CONNECTION_INIT_TIMEOUT_MS: '300',
        },
      });
      owner = await signUpTenant(bounded.graphqlUrl, 'ws-bounds');
    });

    afterAll(async () => {
      await bounded?.stop();
    });

    it('closes a socket that sends no connection_init in time with 4408', async () => {
      const socket = await openSocket(bounded);
      expect(await within(socket.closed, 2000)).toEqual({
        code: 4408,
        reason: 'Connection initialisation timeout',
      });
    });

    it('caps open sockets per caller (4432) and per IP (4431)', async () => {
      await settle();
      const bearer = { authorization: `Bearer ${owner.token}` };
      const first = await openSocket(bounded);
      const second = await openSocket(bounded);
      expect(await first.init(bearer)).toBe('ack');
      expect(await second.init(bearer)).toBe('ack');
      const third = await openSocket(bounded);
      expect(await third.init(bearer)).toEqual({
        code: 4432,
        reason: 'Too many open sockets for these credentials (at most 2); close one first',
      });

      // A closed socket gives its slot back; another caller has slots of its own, up to the IP's cap.
      await second.close();
      await settle();
      const again = await openSocket(bounded);
      expect(await again.init(bearer)).toBe('ack');
      const key = await createApiKey(bounded.graphqlUrl, owner.token, 'VIEWER');
      const other = await openSocket(bounded);
      expect(await other.init({ apiKey: key.secret })).toBe('ack');
      const overIp = await openSocket(bounded);
      expect(await within(overIp.closed, 2000)).toEqual({
        code: 4431,
        reason: 'Too many open sockets from your address (at most 3)',
      });
    });
  });
});
