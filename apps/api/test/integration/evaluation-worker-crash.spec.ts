/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// A worker process killed (SIGKILL) in the middle of an evaluation: Bull's stalled-job recovery hands the
// run to another worker once the dead one's lock expires, and the retry goes on where the first stopped.
// The run ends SUCCEEDED with exactly one row (and one WAV) per (version, segment, seed): what the first
// worker wrote is kept as it was, nothing is written twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  buildApps,
  createApiKey,
  gql,
  ok,
  signUpTenant,
  spawnWorkerProcess,
  startTestApi,
  startTestWorker,
  TestApi,
  TestWorker,
  waitFor,
  WorkerProcess,
} from '../support';
import { seedVersion, storeAt } from './evaluation-data';

jest.setTimeout(600_000);

describe('a worker killed mid-evaluation', () => {
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  let doomed: WorkerProcess | undefined;
  let survivor: TestWorker | undefined;

  beforeAll(async () => {
    buildApps();
    storageDir = mkdtempSync(join(tmpdir(), 'loris-eval-crash-'));
    api = await startTestApi({
      env: { STORAGE_DIR: storageDir, WORKER_LOCK_MS: '1500', WORKER_CONCURRENCY: '1' },
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

  it('is picked up by another worker, which skips the samples already written', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'eval-crash');
    const engineer = (await createApiKey(api.graphqlUrl, tenant.token, 'ENGINEER')).secret;
    const data = await seedVersion(owner, storeAt(storageDir), tenant.tenantId, 'crash set', [
      { genre: 'House', split: 'TEST', seed: 11 },
      { genre: 'Krump', split: 'TEST', seed: 12 },
    ]);
    doomed = await spawnWorkerProcess(api.config);
    const { id } = ok(
      await gql<{ startEvaluation: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: StartEvaluationInput!) { startEvaluation(input: $input) { id } }`,
        {
          input: {
            modelVersionIds: [BUILTIN_MODEL_VERSION_ID],
            datasetVersionId: data.versionId,
            sampler: 'dpmpp-2m',
            steps: 4,
            guidance: 2,
            seeds: [0, 1, 2],
          },
        },
        { apiKey: engineer },
      ),
    ).startEvaluation;
    const run = async () =>
      (
        await owner.query(
          'SELECT status, done_samples, total_samples, attempts FROM evaluation_runs WHERE id = $1',
          [id],
        )
      ).rows[0];
    const samples = async () =>
      (
        await owner.query(
          `SELECT s.id, s.model_version_id, s.segment_id, s.seed, s.audio_artifact_id, s.created_at
             FROM evaluation_samples s WHERE s.run_id = $1 ORDER BY s.created_at`,
          [id],
        )
      ).rows;

    // Kill it once it has written some samples, well before the end (6 in all).
    await waitFor(
      async () => {
        const row = await run();
        return row.status === 'RUNNING' && row.done_samples >= 2 ? row : undefined;
      },
      'the first worker to write two samples',
      300_000,
    );
    await doomed.kill();
    const before = await samples();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(6);
    expect((await run()).status).toBe('RUNNING');

    survivor = await startTestWorker(api.config);
    const done = await waitFor(
      async () => {
        const row = await run();
        return row.status === 'RUNNING' || row.status === 'QUEUED' ? undefined : row;
      },
      'the evaluation to finish on the second worker',
      300_000,
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', done_samples: 6, total_samples: 6, attempts: 2 });
    const after = await samples();
    expect(after).toHaveLength(6);
    expect(new Set(after.map((s) => `${s.model_version_id}/${s.segment_id}/${s.seed}`)).size).toBe(6);
    // What the first worker wrote is still there, untouched.
    for (const row of before) expect(after).toContainEqual(row);
    // One WAV per sample: no sample was generated twice into the store's rows.
    const wavs = await owner.query(
      `SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1 AND kind = 'WAV'`,
      [tenant.tenantId],
    );
    expect(wavs.rows[0].n).toBe(6);
    const summary = await owner.query(`SELECT samples FROM evaluation_summaries WHERE run_id = $1`, [id]);
    expect(summary.rows).toEqual([{ samples: 6 }]);
  });
});
