// Soundtrack jobs through the real GraphQL API (HTTP and graphql-ws) on real Postgres and Redis: genres from
// the serving model's card, requestSoundtrack's checks, idempotency, the generate queue, listing, cancelling,
// limits, and tenant isolation of jobs and their subscription. Uploads are rows made here until the upload
// route exists; the worker's side is covered by its own suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { SOUNDTRACK_JOB_TOPIC } from '@loris/domain';
import {
  gql,
  GraphQLResponse,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  subscribe,
  TestApi,
  wsClient,
} from '../support';
import { JobEvents, QueueName, QueueService } from '@loris/engine';

const MODEL_DIR = 'libs/inference/fixtures/parity/model';
const PARITY_GENRES = ['Break', 'Pop', 'Lock', 'Middle Hip-hop', 'LA-style Hip-hop', 'House'];

const JOB_FIELDS = `id status progress error { code message } genre seconds seed steps sampler guidance
  audio { id url } video { id url } createdAt startedAt finishedAt`;
const REQUEST = `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { ${JOB_FIELDS} } }`;

interface Job {
  id: string;
  status: string;
  progress: number;
  genre: string;
  seconds: number;
  seed: number;
  steps: number;
  sampler: string;
}

describe('soundtrack jobs (GraphQL)', () => {
  let api: TestApi;
  let owner: Client;
  let a: SignedUp;
  let b: SignedUp;
  let posesA: string;
  let videoA: string;
  let posesB: string;

  const addUpload = async (tenantId: string, kind: string) =>
    (
      await owner.query(
        `INSERT INTO artifacts (tenant_id, kind, sha256, bytes, media_type) VALUES ($1, $2, $3, 10, 'x/y')
         RETURNING id`,
        [tenantId, kind, 'cd'.repeat(32)],
      )
    ).rows[0].id as string;

  const request = (who: SignedUp, input: Record<string, unknown>) =>
    gql<{ requestSoundtrack: Job }>(api.graphqlUrl, REQUEST, { input }, { token: who.token });

  const cancelJob = (who: SignedUp, id: string) =>
    gql(
      api.graphqlUrl,
      `mutation($id: ID!) { cancelSoundtrackJob(id: $id) { id } }`,
      { id },
      { token: who.token },
    );

  const errorOf = (res: GraphQLResponse) => ({
    code: res.errors?.[0]?.extensions?.code,
    message: res.errors?.[0]?.message,
  });

  beforeAll(async () => {
    api = await startTestApi({
      env: { MODEL_DIR, QUOTA_CONCURRENT_JOBS: '3', QUOTA_SECONDS_PER_MONTH: '60' },
    });
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    a = await signUpTenant(api.graphqlUrl, 'jobs-a');
    b = await signUpTenant(api.graphqlUrl, 'jobs-b');
    posesA = await addUpload(a.tenantId, 'POSES');
    videoA = await addUpload(a.tenantId, 'VIDEO');
    posesB = await addUpload(b.tenantId, 'POSES');
  });

  afterAll(async () => {
    await owner?.end();
    await api?.stop();
  });

  it("lists the serving model's genres", async () => {
    const res = await gql<{ genres: { name: string; index: number }[] }>(
      api.graphqlUrl,
      '{ genres { name index } }',
      {},
      { token: a.token },
    );
    const { genres } = ok(res);
    expect(genres.slice(0, 6).map((g) => g.name)).toEqual(PARITY_GENRES);
    expect(genres.map((g) => g.index)).toEqual(genres.map((_, i) => i));
  });

  it('describes the serving model and the defaults a request gets, as its model.json says', async () => {
    const card = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8'));
    const res = await gql<{ servingModel: Record<string, unknown> }>(
      api.graphqlUrl,
      '{ servingModel { name version genres { name } segmentSeconds maxSeconds windowSeconds overlapSeconds outputSampleRate sampler steps guidance } }',
      {},
      { token: a.token },
    );
    expect(ok(res).servingModel).toEqual({
      name: card.name,
      version: card.version,
      genres: card.genres.map((name: string) => ({ name })),
      segmentSeconds: card.segmentSamples / card.sampleRate,
      maxSeconds: 300,
      // The card has no windows field: the training crop (none here: the whole segment), a quarter of it.
      windowSeconds: (card.provenance.config.train.crop_samples || card.segmentSamples) / card.sampleRate,
      overlapSeconds:
        (card.provenance.config.train.crop_samples || card.segmentSamples) / 4 / card.sampleRate,
      outputSampleRate: 22050,
      sampler: card.sampler.name,
      steps: card.sampler.steps,
      guidance: card.sampler.guidanceScale,
    });
  });

  it("queues a job with the model's defaults, and the same idempotencyKey gives the same job", async () => {
    const input = { posesUploadId: posesA, genre: 'Pop', idempotencyKey: 'first', seed: 7, steps: 3 };
    const job = ok(await request(a, input)).requestSoundtrack;
    expect(job).toMatchObject({
      status: 'QUEUED',
      progress: 0,
      genre: 'Pop',
      seed: 7,
      steps: 3,
      sampler: 'adpm2',
    });
    expect(job.seconds).toBeCloseTo(8192 / 11025, 5);
    const again = ok(await request(a, { ...input })).requestSoundtrack;
    expect(again.id).toBe(job.id);
    // The same key asking for something else is a conflict that names the key, not the first job.
    const conflict = await request(a, { ...input, genre: 'House', steps: 4 });
    expect(errorOf(conflict)).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/idempotencyKey "first" was already used .*\(genre, steps differ\)/),
    });
    // Leaving out settings the first request gave is a replay of it.
    const { seed: _seed, steps: _steps, ...sparse } = input;
    expect(ok(await request(a, sparse)).requestSoundtrack.id).toBe(job.id);
    const bull = await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(job.id);
    expect(bull?.data).toEqual({ tenantId: a.tenantId, jobId: job.id });
    const { rows } = await owner.query(
      'SELECT count(*)::int AS n FROM soundtrack_jobs WHERE tenant_id = $1',
      [a.tenantId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad requests with a clear code and message, storing nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { posesUploadId: posesA, genre: 'Polka' },
        'BAD_USER_INPUT',
        /Unknown genre "Polka"; the model knows "Break", "Pop"/,
      ],
      [
        { posesUploadId: posesA, videoUploadId: videoA, genre: 'Pop' },
        'BAD_USER_INPUT',
        /exactly one .* \(got both\)/,
      ],
      [{ genre: 'Pop' }, 'BAD_USER_INPUT', /exactly one .* \(got neither\)/],
      [{ posesUploadId: posesA, genre: 'Pop', seconds: 0 }, 'BAD_USER_INPUT', /seconds must be at least 0.1/],
      [
        { posesUploadId: posesA, genre: 'Pop', sampler: 'magic' },
        'BAD_USER_INPUT',
        /sampler must be one of adpm2/,
      ],
      [
        { posesUploadId: posesA, genre: 'Pop', steps: 0 },
        'BAD_USER_INPUT',
        /steps must be an integer from 1/,
      ],
      [{ videoUploadId: posesA, genre: 'Pop' }, 'BAD_USER_INPUT', /must name an upload of kind VIDEO/],
      [{ posesUploadId: posesB, genre: 'Pop' }, 'NOT_FOUND', /Upload .* was not found/],
      [{ posesUploadId: 'nope', genre: 'Pop' }, 'NOT_FOUND', /Upload nope was not found/],
    ];
    const before = (await owner.query('SELECT count(*)::int AS n FROM soundtrack_jobs')).rows[0].n;
    for (const [input, code, message] of cases) {
      const { code: got, message: text } = errorOf(await request(a, input));
      expect([got, text]).toEqual([code, expect.stringMatching(message)]);
    }
    expect((await owner.query('SELECT count(*)::int AS n FROM soundtrack_jobs')).rows[0].n).toBe(before);
  });

  it("hides a tenant's jobs from another tenant, and lists one's own newest first by status", async () => {
    const mine = ok(await request(a, { videoUploadId: videoA, genre: 'Lock', seconds: 2 })).requestSoundtrack;
    const get = (who: SignedUp) =>
      gql<{ soundtrackJob: Job }>(
        api.graphqlUrl,
        `query($id: ID!) { soundtrackJob(id: $id) { id } }`,
        { id: mine.id },
        { token: who.token },
      );
    expect(ok(await get(a)).soundtrackJob.id).toBe(mine.id);
    expect(errorOf(await get(b)).code).toBe('NOT_FOUND');
    const cancelByB = await cancelJob(b, mine.id);
    expect(errorOf(cancelByB).code).toBe('NOT_FOUND');

    const list = (who: SignedUp, vars: Record<string, unknown>) =>
      gql<{
        soundtrackJobs: { edges: { node: Job }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }>(
        api.graphqlUrl,
        `query($first: Int, $after: String, $status: SoundtrackJobStatus) {
           soundtrackJobs(first: $first, after: $after, status: $status) {
             edges { node { id status } } pageInfo { hasNextPage endCursor } } }`,
        vars,
        { token: who.token },
      );
    const page1 = ok(await list(a, { first: 1 })).soundtrackJobs;
    expect(page1.edges.map((e) => e.node.id)).toEqual([mine.id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await list(a, { first: 5, after: page1.pageInfo.endCursor })).soundtrackJobs;
    expect(page2.edges).toHaveLength(1);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(ok(await list(a, { status: 'SUCCEEDED' })).soundtrackJobs.edges).toEqual([]);
    expect(ok(await list(b, {})).soundtrackJobs.edges).toEqual([]);
  });

  it('cancels a queued job once, removing it from the queue', async () => {
    const job = ok(await request(a, { posesUploadId: posesA, genre: 'Break', seconds: 1 })).requestSoundtrack;
    const cancel = () =>
      gql<{ cancelSoundtrackJob: Job & { finishedAt: string } }>(
        api.graphqlUrl,
        `mutation($id: ID!) { cancelSoundtrackJob(id: $id) { id status finishedAt } }`,
        { id: job.id },
        { token: a.token },
      );
    const cancelled = ok(await cancel()).cancelSoundtrackJob;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.finishedAt).toEqual(expect.any(String));
    expect(await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(job.id)).toBeNull();
    expect(errorOf(await cancel())).toEqual({
      code: 'BAD_USER_INPUT',
      message: `Soundtrack job ${job.id} is already CANCELLED and cannot be cancelled`,
    });
  });

  it('answers RATE_LIMITED past the concurrent jobs and QUOTA_EXCEEDED past the month, with when to retry', async () => {
    // Two jobs of A are queued (the cancelled one is not counted): one more fits, the next does not.
    ok(await request(a, { posesUploadId: posesA, genre: 'Pop', seconds: 1 }));
    const busy = await request(a, { posesUploadId: posesA, genre: 'Pop', seconds: 1 });
    expect(busy.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(busy.errors?.[0]?.message).toMatch(/3 soundtrack job\(s\) queued or running/);

    const big = await request(b, { posesUploadId: posesB, genre: 'Pop', seconds: 61 });
    expect(big.errors?.[0]?.extensions).toEqual({
      code: 'QUOTA_EXCEEDED',
      retryAfterSeconds: expect.any(Number),
      retryAt: expect.stringMatching(/-01T00:00:00.000Z$/),
    });
    expect(big.errors?.[0]?.message).toMatch(/60 s of audio per month \(60 s left\)/);
  });

  it('delivers job updates over graphql-ws to its own tenant only, and refuses anonymous sockets', async () => {
    const job = ok(await request(b, { posesUploadId: posesB, genre: 'House', seconds: 1 })).requestSoundtrack;
    const query = `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { id status progress } }`;
    const own = subscribe<{ soundtrackJobUpdated: Job }>(
      wsClient(api.graphqlUrl, { token: b.token }),
      query,
      { id: job.id },
    );
    const other = subscribe(wsClient(api.graphqlUrl, { token: a.token }), query, { id: job.id });
    const anonymous = subscribe(wsClient(api.graphqlUrl), query, { id: job.id });
    try {
      expect((await other.done)[0]).toMatchObject({ message: `Soundtrack job ${job.id} was not found` });
      expect((await anonymous.done)[0].message).toMatch(/Forbidden/);
      await waitUntil(() => own.data.length > 0);
      expect(own.data[0].soundtrackJobUpdated).toMatchObject({ id: job.id, status: 'QUEUED', progress: 0 });

      // What the worker publishes each step, then the cancellation, which ends the subscription.
      const redis = new Redis(api.config.redis.url);
      await redis.publish(
        api.app.get(JobEvents).updatesChannel(SOUNDTRACK_JOB_TOPIC, job.id),
        JSON.stringify({ ...own.data[0].soundtrackJobUpdated, status: 'RUNNING', progress: 0.5 }),
      );
      redis.disconnect();
      await waitUntil(() => own.data.length > 1);
      expect(own.data[1].soundtrackJobUpdated).toMatchObject({ status: 'RUNNING', progress: 0.5 });
      ok(await cancelJob(b, job.id));
      expect(await own.done).toEqual([]);
      expect(own.data.at(-1)?.soundtrackJobUpdated.status).toBe('CANCELLED');
    } finally {
      await Promise.all([own.close(), other.close(), anonymous.close()]);
    }
  });

  it('marks a job whose enqueue failed FAILED, so it holds no slot, and tells the client to retry', async () => {
    const c = await signUpTenant(api.graphqlUrl, 'jobs-c');
    const posesC = await addUpload(c.tenantId, 'POSES');
    await owner.query('INSERT INTO tenant_quotas (tenant_id, max_concurrent_jobs) VALUES ($1, 1)', [
      c.tenantId,
    ]);
    // A real Redis refusal: Bull's add script starts with INCR on the queue's id counter, which fails on a
    // value that is not an integer, before it writes anything.
    const redis = new Redis(api.config.redis.url);
    const idKey = `${api.config.redis.keyPrefix}:bull:${QueueName.GENERATE}:id`;
    const input = { posesUploadId: posesC, genre: 'Pop', seconds: 1 };
    try {
      await redis.set(idKey, 'not-a-counter');
      for (const attempt of [input, { ...input, idempotencyKey: 'retry-me' }]) {
        const refused = await request(c, attempt);
        expect(refused.data).toBeNull();
        expect(refused.errors?.[0]?.extensions).toEqual({
          code: 'SERVICE_UNAVAILABLE',
          retryAfterSeconds: 5,
        });
        expect(refused.errors?.[0]?.message).toMatch(/queue is unavailable, so nothing was queued/);
        expect(refused.text).not.toMatch(/ERR|INCR|not an integer/);
      }
      const { rows } = await owner.query(
        'SELECT status, error_code, idempotency_key FROM soundtrack_jobs WHERE tenant_id = $1',
        [c.tenantId],
      );
      expect(rows).toEqual([
        { status: 'FAILED', error_code: 'QUEUE_UNAVAILABLE', idempotency_key: null },
        { status: 'FAILED', error_code: 'QUEUE_UNAVAILABLE', idempotency_key: null },
      ]);
    } finally {
      await redis.del(idKey);
      redis.disconnect();
    }
    // Neither failure holds the tenant's one slot: a new request fits, and after it, the retried key.
    const fresh = ok(await request(c, input)).requestSoundtrack;
    expect(fresh.status).toBe('QUEUED');
    ok(await cancelJob(c, fresh.id));
    const retried = ok(await request(c, { ...input, idempotencyKey: 'retry-me' })).requestSoundtrack;
    expect(retried.status).toBe('QUEUED');
    expect(await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(retried.id)).not.toBeNull();
    ok(await cancelJob(c, retried.id));
  });

  it('formats subscription errors over graphql-ws as over HTTP: code and message, nothing internal', async () => {
    const job = ok(await request(b, { posesUploadId: posesB, genre: 'Pop', seconds: 1 })).requestSoundtrack;
    const query = `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { id status } }`;
    const overWs = async (who: SignedUp, text: string, variables: Record<string, unknown>) => {
      const sub = subscribe(wsClient(api.graphqlUrl, { token: who.token }), text, variables);
      try {
        return await sub.done;
      } finally {
        await sub.close();
      }
    };
    const overHttp = async (who: SignedUp, id: string) =>
      (
        await gql(
          api.graphqlUrl,
          `query($id: ID!) { soundtrackJob(id: $id) { id } }`,
          { id },
          { token: who.token },
        )
      ).errors?.[0];

    for (const id of [job.id, 'nope']) {
      const [error, ...rest] = await overWs(a, query, { id });
      const http = await overHttp(a, id);
      expect(rest).toEqual([]);
      // Exactly the code and message HTTP answers for the same id, and nothing else: no stack, no Nest details.
      expect(http).toMatchObject({ message: error.message, extensions: error.extensions });
      expect(error).toEqual({
        message: `Soundtrack job ${id} was not found`,
        locations: expect.any(Array),
        path: ['soundtrackJobUpdated'],
        extensions: { code: 'NOT_FOUND' },
      });
    }

    const [unknownField] = await overWs(
      b,
      `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { secret } }`,
      { id: job.id },
    );
    expect(unknownField).toEqual({
      message: expect.stringMatching(/Cannot query field "secret"/),
      locations: expect.any(Array),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const [missingId] = await overWs(b, query, {});
    expect(missingId).toEqual({
      message: expect.stringMatching(/Variable "\$id" of required type "ID!" was not provided/),
      locations: expect.any(Array),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    ok(await cancelJob(b, job.id));
  });

  it('holds subscriptions to the same cost limit as HTTP, so a socket is no way around it', async () => {
    const job = ok(await request(b, { posesUploadId: posesB, genre: 'Pop', seconds: 1 })).requestSoundtrack;
    // 6000 aliased fields: over the default cost limit of 5000 whichever way they arrive.
    const fields = Array.from({ length: 6000 }, (_, i) => `f${i}: status`).join(' ');
    const sub = subscribe(
      wsClient(api.graphqlUrl, { token: b.token }),
      `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { ${fields} } }`,
      { id: job.id },
    );
    try {
      const errors = await sub.done;
      expect(errors).toEqual([
        {
          message: expect.stringMatching(/too complex \(cost \d+, the limit is 5000\)/),
          locations: expect.any(Array),
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
    } finally {
      await sub.close();
    }
    ok(await cancelJob(b, job.id));
  });
});

async function waitUntil(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
