/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Every way a Bull job can end leaves its soundtrack_jobs row finished (issue 12, defect 4). Killed twice
// during the same job, the worker never gets to run our code: Bull's stalled-job check fails the job ("job
// stalled more than allowable limit") in whichever worker notices, and the row must still end FAILED with
// a code the user can read and give its tenant's job slot back. A row whose Bull job was removed from
// Redis is ended by the worker's reaper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { QueueName, QueueService } from '@loris/engine';
import {
  buildApps,
  gql,
  GraphQLResponse,
  ok,
  SignedUp,
  signUpTenant,
  spawnWorkerProcess,
  startTestApi,
  startTestWorker,
  synthPosesJson,
  TestApi,
  TestWorker,
  uploadBytes,
  waitFor,
  WorkerProcess,
} from '../support';
import { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@loris/engine';

jest.setTimeout(240_000);

const REQUEST = `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`;

describe('a soundtrack job whose Bull job ends without our code', () => {
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  const processes: WorkerProcess[] = [];
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    buildApps();
    storageDir = mkdtempSync(join(tmpdir(), 'loris-job-ends-'));
    api = await startTestApi({
      env: {
        MODEL_DIR: 'libs/inference/fixtures/parity/model',
        STORAGE_DIR: storageDir,
        WORKER_LOCK_MS: '1500',
        WORKER_CONCURRENCY: '1',
        // One slot per tenant, so a row stuck RUNNING shows as a refused request.
        QUOTA_CONCURRENT_JOBS: '1',
        // The reaper stays out of the first test: the row must be ended by the failed event itself.
        REAPER_INTERVAL_MS: '3600000',
      },
    });
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    for (const child of processes) await child.kill();
    for (const worker of workers) await worker.stop();
    await owner?.end();
    await api?.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  const request = async (tenant: SignedUp, steps: number) => {
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    return gql<{ requestSoundtrack: { id: string } }>(
      api.graphqlUrl,
      REQUEST,
      { input: { posesUploadId: upload.body.id, genre: 'Pop', seconds: 1.5, steps, seed: 3 } },
      { token: tenant.token },
    );
  };
  const row = async (id: string) =>
    (
      await owner.query(
        'SELECT status, progress, attempts, error_code, error_message FROM soundtrack_jobs WHERE id = $1',
        [id],
      )
    ).rows[0];
  const runningAttempt = (id: string, attempt: number) =>
    waitFor(
      async () => {
        const current = await row(id);
        return current.status === 'RUNNING' && current.attempts === attempt && current.progress > 0
          ? current
          : undefined;
      },
      `attempt ${attempt} to make progress`,
      60_000,
    );
  const finished = (id: string) =>
    waitFor(
      async () => {
        const current = await row(id);
        return current.status === 'QUEUED' || current.status === 'RUNNING' ? undefined : current;
      },
      `job ${id} to finish`,
      60_000,
    );
  const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

  it('ends FAILED with WORKER_LOST when its workers are killed twice, and frees the job slot', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'killed-twice');
    const first = await spawnWorkerProcess(api.config);
    processes.push(first);
    const { id } = ok(await request(tenant, 200)).requestSoundtrack;

    await runningAttempt(id, 1);
    await first.kill();
    const second = await spawnWorkerProcess(api.config);
    processes.push(second);
    await runningAttempt(id, 2);
    await second.kill();

    // The dead workers' row holds the tenant's only slot.
    expect((await row(id)).status).toBe('RUNNING');
    const refused = await request(tenant, 5);
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.message).toMatch(/already has 1 soundtrack job\(s\) queued or running/);

    // A live worker's stalled-job check is what gives the job up for good.
    const live = await startTestWorker(api.config);
    workers.push(live);
    const ended = await finished(id);
    expect(ended).toMatchObject({ status: 'FAILED', error_code: 'WORKER_LOST', attempts: 2 });
    expect(ended.error_message).toMatch(/request it again/);
    // No run of it ended there, yet it counts as a final failure with the row's code.
    const metrics = await live.app.get<Registry>(METRICS_REGISTRY).metrics();
    expect(metrics).toContain(
      'loris_jobs_failed_total{queue="generate",job="generate-soundtrack",code="WORKER_LOST"} 1',
    );

    const again = ok(await request(tenant, 5)).requestSoundtrack;
    expect(await finished(again.id)).toMatchObject({ status: 'SUCCEEDED' });
    await workers.pop()!.stop();
  });

  it('is ended by the reaper once its Bull job has been removed from Redis, and a live job is not', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'removed');
    const other = await signUpTenant(api.graphqlUrl, 'live');
    // No worker runs yet: both jobs wait in Bull.
    const { id: removed } = ok(await request(tenant, 5)).requestSoundtrack;
    const { id: live } = ok(await request(other, 5)).requestSoundtrack;
    const bullJob = await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(removed);
    await bullJob!.remove();

    workers.push(await startTestWorker({ ...api.config, reaper: { intervalMs: 200, graceMs: 0 } }));
    expect(await finished(removed)).toMatchObject({ status: 'FAILED', error_code: 'JOB_LOST' });
    expect(await finished(live)).toMatchObject({ status: 'SUCCEEDED' });
    ok(await request(tenant, 5));
  });
});
