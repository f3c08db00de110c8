// The rendered Job and Secret of a run, validated against the Kubernetes OpenAPI schema (kubernetes-models,
// as tools/deploy/k8s.spec.ts validates the manifests) for every shape of run, with their values checked.
// The templates are the repository's k8s/base/training, as the ConfigMap serves them to the workers.
import { join } from 'node:path';
import type { V1Container, V1Job } from '@kubernetes/client-node';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { KubernetesTrainingConfig } from '@loris/engine';
import type { TrainingRunSpec } from '../runners/training-runner';
import { renderTrainingRun, RenderInput } from './render-training-job';
import { loadTrainingTemplates, templatesDirectory } from './training-templates';

const templates = loadTrainingTemplates(join(__dirname, '../../../../../k8s/base/training'));
const RUN = '0b6f2c1e-8a0e-4b5c-9a53-3f1f3c1c2d10';
const TENANT = '5d1e8c3a-1111-4222-8333-944455556666';
const VERSION = '7a7a7a7a-2222-4333-8444-955566667777';
/** A checkpoint in the blob store, as the train handler passes it (training_runs.checkpoint_sha256). */
const CHECKPOINT = 'c'.repeat(64);

const settings = (nodes: number, gpusPerNode: number): RenderInput['settings'] => ({
  namespace: 'loris',
  image: 'registry.example.com/loris/trainer:0.1.0',
  cudaImage: 'registry.example.com/loris/trainer-cuda:0.1.0',
  nodePool: 'gpu-training',
  tolerations: undefined,
  nodes,
  gpusPerNode,
});
const spec = (resume: boolean): TrainingRunSpec => ({
  runId: RUN,
  tenantId: TENANT,
  preset: 'tiny',
  overrides: {
    'train.batch_size': 4,
    'train.lr': 0.0002,
    'model.name': 'my model',
    'data.genres': ['pop', 'jazz'],
  },
  steps: 20,
  datasetVersionId: VERSION,
  resumeCheckpoint: resume ? CHECKPOINT : null,
});
const render = (nodes: number, gpus: number, resume: boolean, extra: Partial<RenderInput['settings']> = {}) =>
  renderTrainingRun({
    spec: spec(resume),
    settings: { ...settings(nodes, gpus), ...extra },
    templates,
    reportUrl: 'http://api:4000',
    reportToken: `lrt.${TENANT}.secret`,
  });
const containers = (job: V1Job) => job.spec!.template.spec!.containers;
const trainer = (job: V1Job) => containers(job).find((c) => c.name === 'trainer')!;
const init = (job: V1Job) => job.spec!.template.spec!.initContainers!.find((c) => c.name === 'dataset')!;
const env = (c: V1Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
const validate = (o: unknown, Model: new (data: never) => { validate(): void }) => () =>
  new Model(JSON.parse(JSON.stringify(o)) as never).validate();

const SHAPES: [string, number, number][] = [
  ['1 node, CPU', 1, 0],
  ['1 node x 2 GPUs', 1, 2],
  ['2 nodes x 4 GPUs', 2, 4],
];

describe.each(SHAPES)('%s', (_label, nodes, gpus) => {
  test.each([false, true])(
    'resume %s: the Job and the Secret validate against the OpenAPI schema',
    (resume) => {
      const { job, secret } = render(nodes, gpus, resume);
      expect(validate(job, Job)).not.toThrow();
      expect(validate(secret, Secret)).not.toThrow();
    },
  );

  test.each([false, true])('resume %s: names, labels, suspension, the Secret for the report', (resume) => {
    const { job, secret } = render(nodes, gpus, resume);
    expect(job.metadata!.name).toBe(`train-${RUN}`);
    expect(job.metadata!.namespace).toBe('loris');
    expect(job.metadata!.labels!['loris.dev/run-id']).toBe(RUN);
    expect(job.spec!.template.metadata!.labels!['loris.dev/run-id']).toBe(RUN);
    // The Service `training` selects the pods by these; the network policies too.
    expect(job.spec!.template.metadata!.labels!['app.kubernetes.io/component']).toBe('training');
    expect(job.spec!.suspend).toBe(true);
    expect(job.spec!.backoffLimit).toBe(0);
    expect(secret.metadata!.name).toBe(`train-${RUN}`);
    expect(secret.stringData).toEqual({
      LORIS_REPORT_URL: 'http://api:4000',
      LORIS_REPORT_TOKEN: `lrt.${TENANT}.secret`,
    });
    for (const c of [trainer(job), init(job)])
      expect(c.envFrom).toEqual([{ secretRef: { name: `train-${RUN}` } }]);
    expect(env(trainer(job))).toMatchObject({
      LORIS_RUN_ID: RUN,
      LORIS_REPORT_EXPORT: `/work/runs/${RUN}/export`,
    });
    // Nothing secret in the Job itself.
    expect(JSON.stringify(job)).not.toContain('lrt.');
  });

  test.each([false, true])('resume %s: train arguments, device and image', (resume) => {
    const { job } = render(nodes, gpus, resume);
    const c = trainer(job);
    const argv = [...c.command!, ...c.args!];
    const tail = argv.slice(argv.indexOf('train') + 1);
    const head = resume
      ? ['--resume', `/work/runs/${RUN}/resume-${CHECKPOINT}.pt`]
      : [
          '--config',
          'tiny',
          '--set',
          'data.genres=["pop","jazz"]',
          '--set',
          'model.name="my model"',
          '--set',
          'train.batch_size=4',
          '--set',
          'train.lr=0.0002',
        ];
    expect(tail).toEqual([
      ...head,
      '--manifest',
      `/work/datasets/${VERSION}/manifest.jsonl`,
      '--out',
      `/work/runs/${RUN}`,
      '--steps',
      '20',
      '--device',
      gpus ? 'cuda' : 'cpu',
    ]);
    const image = gpus
      ? 'registry.example.com/loris/trainer-cuda:0.1.0'
      : 'registry.example.com/loris/trainer:0.1.0';
    expect(c.image).toBe(image);
    expect(init(job).image).toBe(image);
    expect([...init(job).command!, ...init(job).args!]).toEqual([
      'python',
      '-m',
      'loris_trainer.report',
      'fetch-dataset',
      '--run',
      RUN,
      '--out',
      `/work/datasets/${VERSION}`,
      // The stored checkpoint is fetched beside the run's folder before the trainer starts.
      ...(resume
        ? ['--checkpoint', CHECKPOINT, '--checkpoint-out', `/work/runs/${RUN}/resume-${CHECKPOINT}.pt`]
        : []),
    ]);
  });

  test('GPUs: nvidia.com/gpu requested and limited, node pool and toleration; none for a CPU run', () => {
    const { job } = render(nodes, gpus, false);
    const pod = job.spec!.template.spec!;
    const r = trainer(job).resources!;
    if (gpus) {
      expect(r.requests!['nvidia.com/gpu']).toBe(String(gpus));
      expect(r.limits!['nvidia.com/gpu']).toBe(String(gpus));
      expect(pod.nodeSelector).toEqual({ 'loris.dev/node-pool': 'gpu-training' });
      expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    } else {
      expect(r.requests!['nvidia.com/gpu']).toBeUndefined();
      expect(r.limits!['nvidia.com/gpu']).toBeUndefined();
      expect(pod.nodeSelector).toBeUndefined();
      expect(pod.tolerations).toBeUndefined();
    }
    expect(r.requests!.cpu).toBeDefined();
    expect(r.limits!.memory).toBeDefined();
  });
});

test('one node, one CPU process: python -m loris_trainer train, no torchrun', () => {
  const { job } = render(1, 0, false);
  expect(trainer(job).command).toEqual(['python']);
  expect(trainer(job).args!.slice(0, 3)).toEqual(['-m', 'loris_trainer', 'train']);
  expect(job.spec!.completionMode).toBeUndefined();
});

test('one node x 2 GPUs: torchrun --standalone with one process per GPU', () => {
  const { job } = render(1, 2, false);
  expect(trainer(job).command).toEqual(['torchrun']);
  expect(trainer(job).args!.slice(0, 6)).toEqual([
    '--standalone',
    '--nnodes=1',
    '--nproc_per_node=2',
    '-m',
    'loris_trainer',
    'train',
  ]);
  expect(job.spec!.completionMode).toBeUndefined();
});

test('2 nodes x 4 GPUs: an Indexed Job of 2, torchrun 2 x 4 through the headless Service', () => {
  const { job } = render(2, 4, false);
  const s = job.spec!;
  expect(s.completionMode).toBe('Indexed');
  expect(s.completions).toBe(2);
  expect(s.parallelism).toBe(2);
  expect(s.template.spec!.subdomain).toBe('training');
  const c = trainer(job);
  expect(c.command).toEqual(['torchrun']);
  expect(c.args!.slice(0, 4)).toEqual([
    '--nnodes=$(NNODES)',
    '--nproc_per_node=$(NPROC_PER_NODE)',
    '--node_rank=$(NODE_RANK)',
    '--master_addr=$(JOB_NAME)-0.training',
  ]);
  expect(env(c)).toMatchObject({ NNODES: '2', NPROC_PER_NODE: '4' });
  const rank = c.env!.find((e) => e.name === 'NODE_RANK')!;
  expect(rank.valueFrom!.fieldRef!.fieldPath).toBe(
    "metadata.annotations['batch.kubernetes.io/job-completion-index']",
  );
});

test('TRAINING_TOLERATIONS replaces the default toleration; no node pool, no node selector', () => {
  const tolerations: KubernetesTrainingConfig['tolerations'] = [
    { key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' },
  ];
  const { job } = render(1, 1, false, { tolerations, nodePool: undefined });
  expect(job.spec!.template.spec!.tolerations).toEqual(tolerations);
  expect(job.spec!.template.spec!.nodeSelector).toBeUndefined();
  expect(validate(job, Job)).not.toThrow();
});

test('the templates are not changed by rendering (each run starts from a clean copy)', () => {
  const before = JSON.stringify(templates);
  render(2, 4, true);
  render(1, 0, false);
  expect(JSON.stringify(templates)).toBe(before);
});

test('a checkpoint on the training volume is resumed from where it is, with nothing to fetch', () => {
  const { job } = renderTrainingRun({
    spec: { ...spec(false), resumeCheckpoint: `/work/runs/other/checkpoints/last.pt` },
    settings: settings(1, 0),
    templates,
    reportUrl: 'http://api:4000',
    reportToken: 't',
  });
  expect(trainer(job).args!.slice(3, 5)).toEqual(['--resume', '/work/runs/other/checkpoints/last.pt']);
  expect(init(job).args).not.toContain('--checkpoint');
});

test.each(['a3f1c0ffee', '/etc/passwd', '/work/runs/../../etc/passwd'])(
  'a checkpoint that is neither stored nor on the training volume (%s) is refused with a reason',
  (checkpoint) => {
    expect(() =>
      renderTrainingRun({
        spec: { ...spec(false), resumeCheckpoint: checkpoint },
        settings: settings(1, 0),
        templates,
        reportUrl: 'http://api:4000',
        reportToken: 't',
      }),
    ).toThrow(/neither a stored checkpoint \(sha256\) nor a file on the training volume/);
  },
);

test('the schema check fails on a broken Job (the validation can fail)', () => {
  const { job } = render(2, 4, false);
  (job.spec as unknown as Record<string, unknown>).completions = 'two';
  expect(validate(job, Job)).toThrow();
  const { secret } = render(1, 0, false);
  (secret as unknown as Record<string, unknown>).stringData = ['not', 'a', 'map'];
  expect(validate(secret, Secret)).toThrow();
});

test('templatesDirectory: TRAINING_TEMPLATES_DIR when set; otherwise finds the repository copy', () => {
  expect(templatesDirectory({ templatesDir: '/nonexistent/dir' })).toBeUndefined();
  expect(templatesDirectory({ templatesDir: undefined })).toMatch(/k8s\/base\/training$/);
});
