/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// A worker process killed (SIGKILL) in the middle of a LOCAL training run (issue 15): its trainer dies with
// it (the parent-death signal; nothing is left training on the side), Bull's stalled-job recovery hands
// the job to another worker once the dead one's lock expires, and that worker resumes from the run's last
// stored checkpoint, not from step 0. The run ends SUCCEEDED with one registered version.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueName } from '@loris/engine';
import {
  buildApps,
  createApiKey,
  gql,
  ok,
  signUpTenant,
  spawnWorkerProcess,
  startTestWorker,
  startWorkerStack,
  TestWorker,
  waitFor,
  WorkerProcess,
  WorkerStack,
} from '../support';
import { FAST_OVERRIDES, freezeTinyVersion } from './training-fixture';

jest.setTimeout(600_000);

/** Processes whose environment names `parentPid` as LORIS_PARENT_PID: trainers that worker started. */
function trainersOf(parentPid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(join('/proc', entry, 'environ'), 'latin1').split('\0');
      if (env.includes(`LORIS_PARENT_PID=${parentPid}`)) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

describe('a worker killed mid-run', () => {
  let stack: WorkerStack;
  let doomed: WorkerProcess | undefined;
  let survivor: TestWorker | undefined;

  beforeAll(async () => {
    buildApps();
    // The stack's in-process worker takes no train jobs (it ingests the dataset): the spawned one gets the run.
    stack = await startWorkerStack('training-crash', {
      WORKER_LOCK_MS: '1500',
      WORKER_CONCURRENCY: '1',
      WORKER_QUEUES: 'audit,generate,ingest,evaluate',
    });
  });

  afterAll(async () => {
    await doomed?.kill();
    await survivor?.stop();
    await stack?.stop();
  });

  it('is resumed from its last checkpoint by another worker and succeeds once', async () => {
    const { api, owner } = stack;
    const signedUp = await signUpTenant(api.graphqlUrl, 'training-crash');
    const engineer = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'ENGINEER')).secret };
    const curator = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'CURATOR')).secret };
    const { versionId } = await freezeTinyVersion(api, curator, join(stack.work, 'dataset'));
    doomed = await spawnWorkerProcess(api.config, { WORKER_QUEUES: 'train', TRAINING_THREADS: '1' });

    const steps = 24;
    const { startTrainingRun } = ok(
      await gql<{ startTrainingRun: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: StartTrainingRunInput!) { startTrainingRun(input: $input) { id } }`,
        {
          input: {
            datasetVersionId: versionId,
            config: 'TINY',
            backend: 'LOCAL',
            steps,
            overrides: FAST_OVERRIDES,
          },
        },
        engineer,
      ),
    );
    const id = startTrainingRun.id;
    const row = async () =>
      (
        await owner.query(
          'SELECT status, attempt, checkpoint_step, last_step, model_version_id FROM training_runs WHERE id = $1',
          [id],
        )
      ).rows[0];

    const before = await waitFor(
      async () => {
        const current = await row();
        return current.status === 'RUNNING' && current.checkpoint_step >= 4 ? current : undefined;
      },
      'the first worker to store a checkpoint',
      180_000,
    );
    const trainers = trainersOf(doomed.child.pid!);
    expect(trainers).toHaveLength(1);
    await doomed.kill();
    const killedAt = new Date();
    await waitFor(
      async () => (trainersOf(doomed!.child.pid!).length === 0 ? true : undefined),
      'the trainer to die with its worker',
      10_000,
    );
    const atKill = await row();
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.checkpoint_step).toBeGreaterThanOrEqual(before.checkpoint_step);
    expect(atKill.last_step).toBeLessThan(steps);

    survivor = await startTestWorker({
      ...api.config,
      worker: { ...api.config.worker, queues: [QueueName.TRAIN] },
    });
    const done = await waitFor(
      async () => {
        const current = await row();
        return current.status === 'RUNNING' || current.status === 'QUEUED' ? undefined : current;
      },
      'the run to finish on the second worker',
      300_000,
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2, last_step: steps });
    // Steps up to the stored checkpoint were not trained again: their points date from before the kill.
    const { rows: points } = await owner.query(
      `SELECT step, recorded_at FROM training_metric_points WHERE run_id = $1 AND kind = 'train' ORDER BY step`,
      [id],
    );
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    for (const point of points.filter((p) => p.step <= atKill.checkpoint_step)) {
      expect(point.recorded_at.getTime()).toBeLessThan(killedAt.getTime());
    }
    expect(points.filter((p) => p.recorded_at.getTime() > killedAt.getTime())[0].step).toBe(
      atKill.checkpoint_step + 1,
    );
    const { rows: versions } = await owner.query('SELECT id FROM model_versions WHERE training_run_id = $1', [
      id,
    ]);
    expect(versions).toEqual([{ id: done.model_version_id }]);
  });
});
