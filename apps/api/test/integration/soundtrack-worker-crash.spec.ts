/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// A worker process killed (SIGKILL) in the middle of a soundtrack job: Bull's stalled-job recovery hands the
// job to another worker once the dead one's lock expires, and the job ends SUCCEEDED with exactly one result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  buildApps,
  gql,
  ok,
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

jest.setTimeout(180_000);

describe('a worker killed mid-job', () => {
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  let doomed: WorkerProcess | undefined;
  let survivor: TestWorker | undefined;

  beforeAll(async () => {
    buildApps();
    storageDir = mkdtempSync(join(tmpdir(), 'loris-crash-'));
    api = await startTestApi({
      env: {
        MODEL_DIR: 'libs/inference/fixtures/parity/model',
        STORAGE_DIR: storageDir,
        WORKER_LOCK_MS: '1500',
        WORKER_CONCURRENCY: '1',
      },
    });
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await doomed?.kill();
    await survivor?.stop();
    await owner?.end();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('is picked up by another worker and succeeds once', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'crash');
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    doomed = await spawnWorkerProcess(api.config);
    const { id } = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        { input: { posesUploadId: upload.body.id, genre: 'Pop', seconds: 1.5, steps: 60, seed: 3 } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    const job = async () =>
      (
        await owner.query(
          'SELECT status, progress, attempts, audio_artifact_id FROM soundtrack_jobs WHERE id = $1',
          [id],
        )
      ).rows[0];

    // Kill it once it has saved some progress, well before the end.
    await waitFor(
      async () => {
        const row = await job();
        return row.status === 'RUNNING' && row.progress > 0 ? row : undefined;
      },
      'the first worker to make progress',
      60_000,
    );
    await doomed.kill();
    expect((await job()).status).toBe('RUNNING');

    survivor = await startTestWorker(api.config);
    const done = await waitFor(
      async () => {
        const row = await job();
        return row.status === 'RUNNING' || row.status === 'QUEUED' ? undefined : row;
      },
      'the job to finish on the second worker',
      60_000,
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, attempts: 2 });
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1 AND kind = 'WAV'`,
      [tenant.tenantId],
    );
    expect(rows[0].n).toBe(1);
  });
});
