import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfigFromEnv } from '@loris/engine';
import type { TrainingRunSink, TrainingRunSpec } from '../runners/training-runner';
import { LazyKubernetesTrainingRunner } from './kubernetes-training-runner.provider';

const spec: TrainingRunSpec = {
  runId: '0b6f2c1e-8a0e-4b5c-9a53-3f1f3c1c2d10',
  tenantId: '5d1e8c3a-1111-4222-8333-944455556666',
  preset: 'tiny',
  overrides: {},
  steps: 2,
  datasetVersionId: '7a7a7a7a-2222-4333-8444-955566667777',
  resumeCheckpoint: null,
};
const sink: TrainingRunSink = {
  event: async () => undefined,
  log: async () => undefined,
  setBackendRef: async () => undefined,
};
const noExports = { fetchExport: async () => undefined };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-lazy-'));
  writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (env: NodeJS.ProcessEnv) =>
  new LazyKubernetesTrainingRunner(appConfigFromEnv(env), noExports).run(
    spec,
    sink,
    new AbortController().signal,
  );

test('a worker without a cluster fails the run with what to configure, and starts nothing', async () => {
  expect(await run({})).toEqual({
    status: 'FAILED',
    message: expect.stringMatching(/No Kubernetes cluster is configured/),
  });
});

test('templates missing on this worker: FAILED naming the ConfigMap', async () => {
  const outcome = await run({
    KUBECONFIG: join(dir, 'kubeconfig'),
    TRAINING_REPORT_URL: 'http://api:4000',
    TRAINING_TEMPLATES_DIR: dir,
  });
  expect(outcome).toEqual({ status: 'FAILED', message: expect.stringMatching(/loris-training-templates/) });
});

test("a kubeconfig without a cluster: FAILED with the client's reason, not a crash", async () => {
  const outcome = await run({ KUBECONFIG: join(dir, 'kubeconfig'), TRAINING_REPORT_URL: 'http://api:4000' });
  expect(outcome).toEqual({ status: 'FAILED', message: expect.stringMatching(/cluster/i) });
});
