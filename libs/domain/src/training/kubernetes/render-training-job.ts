import type { V1Container, V1Job, V1PodSpec, V1Secret, V1Toleration } from '@kubernetes/client-node';
import type { KubernetesTrainingConfig } from '@loris/engine';
import type { TrainingRunSpec } from '../runners/training-runner';
import type { TrainingTemplates } from './training-templates';

/** The label every object of a run carries, and the selector of its pods. */
export const RUN_LABEL = 'loris.dev/run-id';
export const GPU_RESOURCE = 'nvidia.com/gpu';
export const NODE_POOL_LABEL = 'loris.dev/node-pool';
/** The shared training volume's layout (k8s/base/training.yaml): datasets and run folders. */
export const DATASETS_DIR = '/work/datasets';
export const RUNS_DIR = '/work/runs';
/** The GPU pool's taint, tolerated when TRAINING_TOLERATIONS does not say otherwise. */
export const DEFAULT_GPU_TOLERATIONS: V1Toleration[] = [
  { key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' },
];

export interface RenderInput {
  spec: TrainingRunSpec;
  settings: Pick<
    KubernetesTrainingConfig,
    'namespace' | 'image' | 'cudaImage' | 'nodePool' | 'tolerations' | 'nodes' | 'gpusPerNode'
  >;
  templates: TrainingTemplates;
  /** The API's base URL as the pods reach it, and the run's report token: they go into the Secret. */
  reportUrl: string;
  reportToken: string;
}

export interface RenderedRun {
  job: V1Job;
  secret: V1Secret;
}

export const jobName = (runId: string) => `train-${runId}`;
export const runFolder = (runId: string) => `${RUNS_DIR}/${runId}`;

/**
 * A training run as the objects the backend submits: the batch/v1 Job filled in from the template (job.yaml
 * for one node, the Indexed multinode-job.yaml beyond) and the run's Secret (its report URL and token, given
 * to the pods with envFrom). Pure: the same input renders the same objects. The Job is created suspended;
 * the backend resumes it once the Secret exists (it is owned by the Job, so deleting the Job removes it).
 */
export function renderTrainingRun(input: RenderInput): RenderedRun {
  const { spec, settings } = input;
  const nodes = settings.nodes;
  const gpus = settings.gpusPerNode;
  const name = jobName(spec.runId);
  const job = structuredClone(nodes > 1 ? input.templates.multiNode : input.templates.single);
  const labels = (existing: Record<string, string> | undefined) => ({ ...existing, [RUN_LABEL]: spec.runId });

  job.metadata = {
    ...job.metadata,
    name,
    namespace: settings.namespace,
    labels: labels(job.metadata?.labels),
  };
  const jobSpec = job.spec!;
  jobSpec.suspend = true;
  if (nodes > 1) {
    jobSpec.completionMode = 'Indexed';
    jobSpec.completions = nodes;
    jobSpec.parallelism = nodes;
  }
  const template = jobSpec.template;
  template.metadata = { ...template.metadata, labels: labels(template.metadata?.labels) };
  const pod = template.spec!;
  const image = gpus > 0 ? settings.cudaImage : settings.image;

  const trainer = containerNamed(pod, 'trainer');
  trainer.image = image;
  const trainArgs = trainArguments(spec, gpus);
  if (nodes > 1) {
    // The template's torchrun flags (rendezvous on index 0 of the headless Service) stay; what follows
    // `train` is this run's.
    const at = (trainer.args ?? []).indexOf('train');
    if (at < 0) throw new Error('multinode-job.yaml: the trainer container has no `train` argument');
    trainer.args = [...trainer.args!.slice(0, at + 1), ...trainArgs];
    setEnv(trainer, 'NNODES', String(nodes));
    setEnv(trainer, 'NPROC_PER_NODE', String(Math.max(gpus, 1)));
  } else if (gpus > 1) {
    // One node, several GPUs: torchrun starts one process per GPU on this pod.
    trainer.command = ['torchrun'];
    trainer.args = [
      '--standalone',
      '--nnodes=1',
      `--nproc_per_node=${gpus}`,
      '-m',
      'loris_trainer',
      'train',
      ...trainArgs,
    ];
  } else {
    trainer.command = ['python'];
    trainer.args = ['-m', 'loris_trainer', 'train', ...trainArgs];
  }
  setEnv(trainer, 'LORIS_RUN_ID', spec.runId);
  setEnv(trainer, 'LORIS_REPORT_EXPORT', `${runFolder(spec.runId)}/export`);
  trainer.envFrom = [{ secretRef: { name } }];
  trainer.resources = withGpus(trainer.resources, gpus);

  const dataset = containerNamed(pod, 'dataset', true);
  dataset.image = image;
  dataset.command = ['python'];
  dataset.args = [
    '-m',
    'loris_trainer.report',
    'fetch-dataset',
    '--run',
    spec.runId,
    '--out',
    `${DATASETS_DIR}/${spec.datasetVersionId}`,
  ];
  if (spec.resumeCheckpoint && BLOB.test(spec.resumeCheckpoint)) {
    dataset.args.push('--checkpoint', spec.resumeCheckpoint, '--checkpoint-out', resumePath(spec)!);
  }
  dataset.envFrom = [{ secretRef: { name } }];

  if (gpus > 0 && settings.nodePool)
    pod.nodeSelector = { ...pod.nodeSelector, [NODE_POOL_LABEL]: settings.nodePool };
  else if (pod.nodeSelector) delete pod.nodeSelector[NODE_POOL_LABEL];
  if (pod.nodeSelector && !Object.keys(pod.nodeSelector).length) delete pod.nodeSelector;
  const tolerations = settings.tolerations ?? (gpus > 0 ? DEFAULT_GPU_TOLERATIONS : []);
  if (tolerations.length) pod.tolerations = structuredClone(tolerations) as V1Toleration[];
  else delete pod.tolerations;

  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: settings.namespace, labels: labels(pickLabels(job.metadata.labels)) },
    type: 'Opaque',
    stringData: { LORIS_REPORT_URL: input.reportUrl, LORIS_REPORT_TOKEN: input.reportToken },
  };
  return { job, secret };
}

const BLOB = /^[0-9a-f]{64}$/;

/**
 * Where the pod finds the checkpoint it resumes from: a path on the training volume as is, or, for a
 * checkpoint in the blob store (its sha256, as the train handler passes it), the file the dataset init
 * container fetches it to.
 */
export function resumePath(spec: TrainingRunSpec): string | undefined {
  const checkpoint = spec.resumeCheckpoint;
  if (!checkpoint) return undefined;
  if (BLOB.test(checkpoint)) return `${runFolder(spec.runId)}/resume-${checkpoint}.pt`;
  if (checkpoint.startsWith(`${RUNS_DIR}/`) && !checkpoint.split('/').includes('..')) return checkpoint;
  throw new Error(
    `checkpoint ${checkpoint} is neither a stored checkpoint (sha256) nor a file on the training volume (${RUNS_DIR})`,
  );
}

/** What follows `train`: a new run from its preset and overrides, or a resume from a checkpoint. */
export function trainArguments(spec: TrainingRunSpec, gpus: number): string[] {
  const args: string[] = [];
  const resume = resumePath(spec);
  if (resume) {
    args.push('--resume', resume);
  } else {
    args.push('--config', spec.preset);
    for (const [key, value] of Object.entries(spec.overrides).sort(([a], [b]) => a.localeCompare(b))) {
      // The trainer parses each value as YAML; JSON is YAML, and keeps strings, numbers and lists apart.
      args.push('--set', `${key}=${JSON.stringify(value)}`);
    }
  }
  args.push(
    '--manifest',
    `${DATASETS_DIR}/${spec.datasetVersionId}/manifest.jsonl`,
    '--out',
    runFolder(spec.runId),
    '--steps',
    String(spec.steps),
    '--device',
    gpus > 0 ? 'cuda' : 'cpu',
  );
  return args;
}

function containerNamed(pod: V1PodSpec, name: string, init = false): V1Container {
  const found = (init ? pod.initContainers : pod.containers)?.find((c) => c.name === name);
  if (!found) throw new Error(`the training Job template has no ${init ? 'init ' : ''}container "${name}"`);
  return found;
}

function setEnv(container: V1Container, name: string, value: string): void {
  const env = (container.env ??= []);
  const existing = env.find((e) => e.name === name);
  if (existing) {
    existing.value = value;
    delete existing.valueFrom;
  } else env.push({ name, value });
}

function withGpus(resources: V1Container['resources'], gpus: number): V1Container['resources'] {
  const requests = { ...resources?.requests };
  const limits = { ...resources?.limits };
  if (gpus > 0) {
    // Extended resources are requested in whole units, with requests equal to limits.
    requests[GPU_RESOURCE] = String(gpus);
    limits[GPU_RESOURCE] = String(gpus);
  } else {
    delete requests[GPU_RESOURCE];
    delete limits[GPU_RESOURCE];
  }
  return { ...resources, requests, limits };
}

const pickLabels = (labels: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => k.startsWith('app.kubernetes.io/')));
