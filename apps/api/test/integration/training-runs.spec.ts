/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Training runs on the LOCAL backend (issue 15) against the real API, an in-process worker and the real
// trainer (`python3 -m loris_trainer`, tiny config on 0.7 s windows, a few steps): every refusal comes
// before anything is queued; a run records its points and registers its exported model version with its
// provenance; a cancel stops the trainer with SIGTERM after it checkpointed; a trainer that fails ends the
// run FAILED with its last log lines; a new run resumes from another run's checkpoint.
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createApiKey,
  Credentials,
  gql,
  ok,
  signUpTenant,
  startWorkerStack,
  TestApi,
  waitFor,
  WorkerStack,
} from '../support';
import { FAST_OVERRIDES, freezeTinyVersion } from './training-fixture';

jest.setTimeout(600_000);

const RUN_FIELDS = `id status steps lastStep checkpointStep errorMessage attempt modelVersionId elapsedSeconds
  etaSeconds config backend modelName overrides { key value }`;

interface Run {
  id: string;
  status: string;
  steps: number;
  lastStep: number;
  checkpointStep: number | null;
  errorMessage: string | null;
  attempt: number;
  modelVersionId: string | null;
  elapsedSeconds: number | null;
  etaSeconds: number | null;
  overrides: { key: string; value: string }[];
}

describe('training runs on the local backend', () => {
  let stack: WorkerStack;
  let api: TestApi;
  let owner: Client;
  let engineer: Credentials;
  let curator: Credentials & { apiKey: string };
  let tenantId: string;
  let versionId: string;

  const start = (input: Record<string, unknown>, who: Credentials = engineer) =>
    gql<{ startTrainingRun: Run }>(
      api.graphqlUrl,
      `mutation($input: StartTrainingRunInput!) { startTrainingRun(input: $input) { ${RUN_FIELDS} } }`,
      { input: { config: 'TINY', backend: 'LOCAL', steps: 4, datasetVersionId: versionId, ...input } },
      who,
    );
  const run = async (id: string) =>
    ok(
      await gql<{ trainingRun: Run }>(
        api.graphqlUrl,
        `query($id: ID!) { trainingRun(id: $id) { ${RUN_FIELDS} } }`,
        { id },
        engineer,
      ),
    ).trainingRun;
  const finished = (id: string, within = 300_000) =>
    waitFor(
      async () => {
        const current = await run(id);
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(current.status) ? current : undefined;
      },
      `training run ${id} to finish`,
      within,
    );
  const runCount = async () =>
    (await owner.query('SELECT count(*)::int AS n FROM training_runs WHERE tenant_id = $1', [tenantId]))
      .rows[0].n;

  beforeAll(async () => {
    stack = await startWorkerStack('training', { WORKER_CONCURRENCY: '1', TRAINING_THREADS: '1' });
    ({ api, owner } = stack);
    const signedUp = await signUpTenant(api.graphqlUrl, 'training');
    tenantId = signedUp.tenantId;
    engineer = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'ENGINEER')).secret };
    curator = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'CURATOR')).secret };
    versionId = (await freezeTinyVersion(api, curator, join(stack.work, 'dataset'))).versionId!;
  });

  afterAll(() => stack?.stop());

  it('refuses, before anything is queued, what cannot train', async () => {
    const refusal = async (input: Record<string, unknown>, who: Credentials = engineer) => {
      const res = await start(input, who);
      expect(res.data).toBeFalsy();
      return res.errors![0];
    };
    expect(await refusal({ datasetVersionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    const unfrozen = await freezeTinyVersion(api, curator, join(stack.work, 'unfrozen'), { freeze: false });
    const { rows: draft } = await owner.query(
      `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
       VALUES ($1, $2, 1, 1, 'SOURCE', 1, 0, 0) RETURNING id`,
      [tenantId, unfrozen.datasetId],
    );
    expect(await refusal({ datasetVersionId: draft[0].id })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/not frozen/),
    });
    const noTrain = await freezeTinyVersion(api, curator, join(stack.work, 'no-train'), {
      splits: ['val', 'test', 'test'],
    });
    expect(await refusal({ datasetVersionId: noTrain.versionId })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/has no training examples/),
    });
    expect(await refusal({ overrides: [{ key: 'train.batch_sise', value: '2' }] })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'Invalid override: unknown trainer config key "train.batch_sise"',
    });
    expect(await refusal({ overrides: [{ key: 'batch_size', value: '2' }] })).toMatchObject({
      message: 'Invalid override: unknown trainer config key "batch_size" (did you mean train.batch_size?)',
    });
    expect(await refusal({ overrides: [{ key: 'train.batch_size', value: '2.5' }] })).toMatchObject({
      message: 'Invalid override: train.batch_size must be a whole number',
    });
    expect(await refusal({ overrides: [{ key: 'train.lr_decay', value: 'linear' }] })).toMatchObject({
      message: 'Invalid override: train.lr_decay must be one of constant, cosine',
    });
    // The version's genres (House, Pop, Lock) must all be in the model's vocabulary.
    expect(
      await refusal({ overrides: [{ key: 'conditions.genres', value: '["House", "Break"]' }] }),
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(
        /^The dataset version has genres the model's vocabulary lacks: Lock, Pop\./,
      ),
    });
    expect(await refusal({ backend: 'KUBERNETES' })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/^No Kubernetes cluster is configured for training/),
    });
    expect(await refusal({ steps: 0 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await refusal({}, curator)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await owner.query(
      `INSERT INTO tenant_quotas (tenant_id, max_training_minutes_per_month) VALUES ($1, 0)
       ON CONFLICT (tenant_id) DO UPDATE SET max_training_minutes_per_month = 0`,
      [tenantId],
    );
    expect(await refusal({})).toMatchObject({ extensions: { code: 'QUOTA_EXCEEDED' } });
    await owner.query('UPDATE tenant_quotas SET max_training_minutes_per_month = NULL WHERE tenant_id = $1', [
      tenantId,
    ]);
    expect(await runCount()).toBe(0);
  });

  it('trains, records its points and registers the exported version with its provenance', async () => {
    const started = ok(
      await start({ steps: 4, overrides: FAST_OVERRIDES, modelName: 'tiny-run' }),
    ).startTrainingRun;
    expect(started).toMatchObject({
      status: 'QUEUED',
      steps: 4,
      config: 'TINY',
      backend: 'LOCAL',
      modelName: 'tiny-run',
    });
    expect(started.overrides).toContainEqual({ key: 'train.crop_samples', value: '8192' });
    const done = await finished(started.id);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      lastStep: 4,
      checkpointStep: 4,
      attempt: 1,
      etaSeconds: null,
    });
    expect(done.elapsedSeconds).toBeGreaterThan(0);
    const { trainingRun } = ok(
      await gql<{
        trainingRun: {
          points: { kind: string; step: number; loss: number; lr: number | null }[];
          modelVersion: {
            id: string;
            provenance: { source: string; datasetVersionId: string; trainingRunId: string };
          };
        };
      }>(
        api.graphqlUrl,
        `query($id: ID!) { trainingRun(id: $id) { points { kind step loss lr }
          modelVersion { id provenance { source datasetVersionId trainingRunId } } } }`,
        { id: started.id },
        engineer,
      ),
    );
    const train = trainingRun.points.filter((p) => p.kind === 'train');
    expect(train.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    for (const point of train) expect(point.loss).toBeGreaterThan(0);
    expect(trainingRun.points.filter((p) => p.kind === 'val').map((p) => p.step)).toEqual([2, 4]);
    expect(trainingRun.modelVersion).toMatchObject({
      id: done.modelVersionId,
      provenance: { source: 'TRAINED', datasetVersionId: versionId, trainingRunId: started.id },
    });
    const { rows } = await owner.query(
      `SELECT v.training_run_id, m.name, r.checkpoint_sha256 FROM model_versions v JOIN models m ON m.id = v.model_id
       JOIN training_runs r ON r.id = v.training_run_id WHERE v.id = $1`,
      [done.modelVersionId],
    );
    expect(rows).toEqual([
      {
        training_run_id: started.id,
        name: 'tiny-run',
        checkpoint_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    // The run's time counts towards the month's training minutes on the usage page.
    const { tenantUsage } = ok(
      await gql<{ tenantUsage: { quotas: { kind: string; used: number }[] } }>(
        api.graphqlUrl,
        '{ tenantUsage { quotas { kind used } } }',
        {},
        engineer,
      ),
    );
    const minutes = tenantUsage.quotas.find((q) => q.kind === 'TRAINING_MINUTES')!.used;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeCloseTo(done.elapsedSeconds! / 60, 1);
  });

  let cancelled: Run;

  it('cancels with SIGTERM: the trainer checkpoints, the run ends CANCELLED without a version', async () => {
    const overrides = [
      ...FAST_OVERRIDES.filter((o) => o.key !== 'train.checkpoint_every'),
      { key: 'train.checkpoint_every', value: '100000' },
    ];
    const started = ok(await start({ steps: 100_000, overrides })).startTrainingRun;
    await waitFor(
      async () => ((await run(started.id)).lastStep >= 3 ? true : undefined),
      'a few steps of the run to be recorded',
      120_000,
    );
    const cancelling = ok(
      await gql<{ cancelTrainingRun: Run }>(
        api.graphqlUrl,
        `mutation($id: ID!) { cancelTrainingRun(id: $id) { ${RUN_FIELDS} } }`,
        { id: started.id },
        engineer,
      ),
    ).cancelTrainingRun;
    expect(cancelling.status).toBe('CANCELLING');
    cancelled = await finished(started.id, 120_000);
    // The only checkpoint is the one SIGTERM saved: checkpoint_every is never reached.
    expect(cancelled).toMatchObject({ status: 'CANCELLED', modelVersionId: null, errorMessage: null });
    expect(cancelled.checkpointStep).toBeGreaterThanOrEqual(3);
    expect(cancelled.checkpointStep).toBe(cancelled.lastStep);
    const again = await gql(
      api.graphqlUrl,
      `mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`,
      { id: started.id },
      engineer,
    );
    expect(again.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/already CANCELLED/),
    });
  });

  it('resumes a new run from another run’s checkpoint, not from step 0', async () => {
    const steps = cancelled.checkpointStep! + 2;
    const started = ok(
      await start({ steps, resumeFromRunId: cancelled.id, modelName: 'tiny-run' }),
    ).startTrainingRun;
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', lastStep: steps });
    const { rows } = await owner.query(
      `SELECT step FROM training_metric_points WHERE run_id = $1 AND kind = 'train' ORDER BY step`,
      [started.id],
    );
    expect(rows.map((r) => r.step)).toEqual([steps - 1, steps]);
  });

  it('ends FAILED with the trainer’s own words and its last log lines when it exits non-zero', async () => {
    // Valid for the schema (a whole number), refused by the trainer: not a multiple of the U-Net's factor.
    const started = ok(
      await start({
        overrides: [
          ...FAST_OVERRIDES.filter((o) => o.key !== 'train.crop_samples'),
          { key: 'train.crop_samples', value: '1000' },
        ],
      }),
    ).startTrainingRun;
    const done = await finished(started.id);
    expect(done.status).toBe('FAILED');
    expect(done.errorMessage).toMatch(
      /^the trainer exited with status 2 \[INVALID_CONFIG\] train\.crop_samples must be a multiple/,
    );
    expect(done.errorMessage).toMatch(/last log lines:\nerror \[INVALID_CONFIG\]: train\.crop_samples/);
    const { trainingRun } = ok(
      await gql<{ trainingRun: { logTail: string[] } }>(
        api.graphqlUrl,
        `query($id: ID!) { trainingRun(id: $id) { logTail(lines: 10) } }`,
        { id: started.id },
        engineer,
      ),
    );
    expect(trainingRun.logTail.join('\n')).toMatch(/error \[INVALID_CONFIG\]: train\.crop_samples/);
  });
});
