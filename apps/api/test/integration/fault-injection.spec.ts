/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Faults injected into a running platform, on a Postgres and a Redis of this suite's own (initdb/pg_ctl and
// redis-server on temp directories and free ports), so they can be killed without touching the machine's
// shared services: workers SIGKILLed at random points, Redis killed and restarted, Postgres crashed and
// restarted, the API killed in the middle of an upload. Each case checks that every job ends exactly once
// with one result, that nothing is lost or half-written, and prints its figures (faults injected, jobs sent,
// jobs completed, anything lost) for the note.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  buildApps,
  ok,
  requestSoundtrack,
  signUpTenant,
  SignedUp,
  spawnWorkerProcess,
  startTestApi,
  synthPosesJson,
  TestApi,
  TestDatabase,
  uploadBytes,
  waitFor,
  WorkerProcess,
} from '../support';
import {
  freePort,
  PrivatePostgres,
  PrivateRedis,
  startPrivatePostgres,
  startPrivateRedis,
  waitForPort,
} from '../support/private-services';

jest.setTimeout(240_000);

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** A small deterministic generator, so a failing run can be replayed with the seed it printed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault injection', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let api: TestApi;
  let owner: Client;
  let tenant: SignedUp;
  let posesUploadId: string;
  let storageDir: string;
  const workers: WorkerProcess[] = [];
  const figures: string[] = [];

  const spawnWorker = async () => {
    const worker = await spawnWorkerProcess(api.config);
    workers.push(worker);
    return worker;
  };

  const requestJob = (seed: number) =>
    requestSoundtrack(
      api.graphqlUrl,
      { token: tenant.token },
      { posesUploadId, genre: 'Pop', seconds: 1.5, steps: 30, seed },
    );

  const jobRows = async (ids: string[]) =>
    (
      await owner.query(
        `SELECT id, status, error_code, attempts, audio_artifact_id FROM soundtrack_jobs WHERE id = ANY($1)`,
        [ids],
      )
    ).rows as {
      id: string;
      status: string;
      error_code: string | null;
      attempts: number;
      audio_artifact_id: string | null;
    }[];

  /** Waits until every job is final; then checks one result per succeeded job and no orphan result. */
  async function settle(ids: string[], what: string) {
    const rows = await waitFor(
      async () => {
        const found = await jobRows(ids);
        return found.length === ids.length && found.every((r) => FINAL.includes(r.status))
          ? found
          : undefined;
      },
      `${what}: every job in a final state`,
      180_000,
    );
    const succeeded = rows.filter((r) => r.status === 'SUCCEEDED');
    for (const row of succeeded) expect(row.audio_artifact_id).not.toBeNull();
    // Every WAV artifact of the tenant belongs to exactly one job: none written twice, none orphaned.
    const { rows: wavs } = await owner.query(
      `SELECT a.id, count(j.id)::int AS jobs FROM artifacts a
         LEFT JOIN soundtrack_jobs j ON j.audio_artifact_id = a.id
        WHERE a.tenant_id = $1 AND a.kind = 'WAV' GROUP BY a.id`,
      [tenant.tenantId],
    );
    expect(wavs.filter((w: { jobs: number }) => w.jobs !== 1)).toEqual([]);
    return { rows, succeeded };
  }

  async function wavCount(): Promise<number> {
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1 AND kind = 'WAV'`,
      [tenant.tenantId],
    );
    return rows[0].n;
  }

  beforeAll(async () => {
    buildApps();
    [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    storageDir = mkdtempSync(join(tmpdir(), 'loris-faults-'));
    const database: TestDatabase = { name: 'faults', config: pg.database, drop: async () => undefined };
    api = await startTestApi({
      database,
      env: {
        REDIS_URL: redis.url,
        MODEL_DIR: 'libs/inference/fixtures/parity/model',
        STORAGE_DIR: storageDir,
        WORKER_LOCK_MS: '1500',
        WORKER_CONCURRENCY: '1',
        QUOTA_CONCURRENT_JOBS: '100',
        QUOTA_SECONDS_PER_MONTH: '100000',
      },
    });
    owner = new Client({ connectionString: pg.database.ownerUrl });
    owner.on('error', () => undefined); // the Postgres case restarts the server under it
    await owner.connect();
    tenant = await signUpTenant(api.graphqlUrl, 'faults');
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    posesUploadId = String(upload.body.id);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await owner?.end().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    await redis?.destroy();
    pg?.destroy();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
    if (figures.length) console.log(`fault injection figures:\n${figures.join('\n')}`);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
  });

  it('workers SIGKILLed at random points: every job ends exactly once, one result each, no orphans', async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const JOBS = 6;
    const KILLS = 4;
    const before = await wavCount();
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(ok(await requestJob(100 + i)).requestSoundtrack.id);

    let kills = 0;
    while (kills < KILLS) {
      const worker = await spawnWorker();
      // Somewhere between model load and a few jobs in: mid-sampling, mid-upload of the result, between jobs.
      await sleep(300 + random() * 2500);
      await worker.kill();
      kills++;
    }
    await spawnWorker();
    const { rows, succeeded } = await settle(ids, 'after the kills');
    const failed = rows.filter((r) => r.status !== 'SUCCEEDED');
    // A job Bull saw stall more often than it allows ends FAILED with a code, never stays RUNNING.
    for (const row of failed) expect(row.error_code).toEqual(expect.any(String));
    expect((await wavCount()) - before).toBe(succeeded.length);
    figures.push(
      `worker SIGKILL (seed ${seed}): ${kills} kills, ${JOBS} jobs sent, ${succeeded.length} succeeded once, ` +
        `${failed.length} failed with a code (${failed.map((r) => r.error_code).join(', ') || 'none'}), 0 lost, ` +
        `attempts ${rows.map((r) => r.attempts).join('/')}`,
    );
  });

  it('Redis killed and restarted mid-batch: no job lost or run twice; SERVICE_UNAVAILABLE, never a 500, while down', async () => {
    const worker = await spawnWorker();
    const before = await wavCount();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(ok(await requestJob(200 + i)).requestSoundtrack.id);
    await waitFor(
      async () => ((await jobRows(ids)).some((r) => r.status === 'RUNNING') ? true : undefined),
      'a job to run',
      60_000,
    );
    await redis.kill();
    const whileDown = await requestJob(299);
    expect(whileDown.status).not.toBe(500);
    expect(whileDown.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(whileDown.text).not.toMatch(/at .*\.(js|ts):\d+/);
    // The refused request holds no job slot: its row is FAILED (QUEUE_UNAVAILABLE, not charged), and no row
    // but the batch's waits for a queue that never heard of it.
    const { rows: waiting } = await owner.query(
      `SELECT id, status FROM soundtrack_jobs WHERE NOT (id = ANY($1)) AND status IN ('QUEUED', 'RUNNING')`,
      [ids],
    );
    expect(waiting).toEqual([]);
    await sleep(2000);
    await redis.start();

    const { rows, succeeded } = await settle(ids, 'after Redis came back');
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    expect((await wavCount()) - before).toBe(ids.length);
    // The same worker went on by itself: it reconnected rather than died.
    expect(worker.child.exitCode).toBeNull();
    figures.push(
      `Redis SIGKILL + restart: 1 fault, ${ids.length} jobs sent, ${succeeded.length} succeeded once, 0 lost; ` +
        `a request while down got ${whileDown.errors?.[0]?.extensions?.code} (HTTP ${whileDown.status})`,
    );
  });

  it('Postgres crashed and restarted mid-batch: the API and the worker reconnect, jobs finish, nothing half-written', async () => {
    const worker = await spawnWorker();
    const before = await wavCount();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(ok(await requestJob(300 + i)).requestSoundtrack.id);
    await waitFor(
      async () => ((await jobRows(ids)).some((r) => r.status === 'RUNNING') ? true : undefined),
      'a job to run',
      60_000,
    );
    pg.crash();
    const whileDown = await requestJob(399);
    expect(whileDown.status).not.toBe(500);
    expect(whileDown.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    await sleep(1500);
    await pg.start();
    await owner.end().catch(() => undefined);
    owner = new Client({ connectionString: pg.database.ownerUrl });
    await owner.connect();

    // The API answers again without a restart.
    const after = await waitFor(
      async () => {
        const res = await requestJob(398);
        return res.errors ? undefined : res;
      },
      'the API to reconnect',
      30_000,
    );
    ids.push(ok(after).requestSoundtrack.id);
    const { rows, succeeded } = await settle(ids, 'after Postgres came back');
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    expect((await wavCount()) - before).toBe(ids.length);
    expect(worker.child.exitCode).toBeNull();
    figures.push(
      `Postgres crash (immediate stop) + restart: 1 fault, ${ids.length} jobs sent, ${succeeded.length} ` +
        `succeeded once, 0 lost; a request while down got ${whileDown.errors?.[0]?.extensions?.code} ` +
        `(HTTP ${whileDown.status})`,
    );
  });

  it('the API killed mid-upload: nothing stored, and the temp file is gone after the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loris-upload-kill-'));
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: pg.database.ownerUrl,
      DATABASE_APP_URL: pg.database.appUrl,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: api.config.redis.keyPrefix,
      MODEL_DIR: 'libs/inference/fixtures/parity/model',
      STORAGE_DIR: dir,
      STORAGE_STALE_TEMP_MS: '1000',
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
    };
    const startApi = async (): Promise<ChildProcess> => {
      const child = spawn('node', ['-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'], {
        env,
        stdio: 'ignore',
      });
      await waitForPort(port);
      return child;
    };
    const uploadsBefore = (
      await owner.query(`SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1`, [tenant.tenantId])
    ).rows[0].n;
    const tempDir = join(dir, '.tmp');
    const tempFiles = () => (existsSync(tempDir) ? readdirSync(tempDir) : []);
    const blobs = () => readdirSync(dir).filter((name) => name !== '.tmp');
    try {
      let apiProcess = await startApi();
      // An upload that announces 8 MiB and stops after 1 MiB: the API is streaming it into a temp file.
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/uploads',
        headers: {
          authorization: `Bearer ${tenant.token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(8 * 1024 * 1024),
        },
      });
      req.on('error', () => undefined);
      req.write(Buffer.alloc(1024 * 1024, 7));
      await waitFor(async () => (tempFiles().length ? true : undefined), 'the upload to reach a temp file');
      apiProcess.kill('SIGKILL');
      await new Promise((r) => apiProcess.once('exit', r));
      req.destroy();

      expect(blobs()).toEqual([]);
      const uploadsAfter = (
        await owner.query(`SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1`, [tenant.tenantId])
      ).rows[0].n;
      expect(uploadsAfter).toBe(uploadsBefore);
      const leftOver = tempFiles().length;
      expect(leftOver).toBe(1);

      await sleep(1200); // older than STORAGE_STALE_TEMP_MS: no live upload could still own it
      apiProcess = await startApi();
      await waitFor(async () => (tempFiles().length === 0 ? true : undefined), 'the sweep at start', 10_000);
      apiProcess.kill('SIGKILL');
      figures.push(
        `API SIGKILL mid-upload: 1 fault, 1 upload cut at 1 of 8 MiB, 0 blobs and 0 rows stored, ` +
          `${leftOver} temp file left, swept at the next start`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
