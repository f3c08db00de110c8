import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { KubernetesTrainingConfig } from '@loris/engine';
import type { V1Job } from '@kubernetes/client-node';

/** Where the workers find the templates in a cluster: the ConfigMap loris-training-templates. */
export const CLUSTER_TEMPLATES_DIR = '/etc/loris/training';
const REPOSITORY_TEMPLATES = join('k8s', 'base', 'training');
export const SINGLE_NODE_TEMPLATE = 'job.yaml';
export const MULTI_NODE_TEMPLATE = 'multinode-job.yaml';

/**
 * The folder of job.yaml and multinode-job.yaml: TRAINING_TEMPLATES_DIR when set, else the ConfigMap's mount,
 * else the repository's k8s/base/training (a worker run from a checkout: the working directory, or a folder
 * above this file). Undefined when none has them.
 */
export function templatesDirectory(
  config: Pick<KubernetesTrainingConfig, 'templatesDir'>,
): string | undefined {
  const candidates = config.templatesDir
    ? [config.templatesDir]
    : [CLUSTER_TEMPLATES_DIR, join(process.cwd(), REPOSITORY_TEMPLATES), ...ancestors(__dirname)];
  return candidates.find((dir) => existsSync(join(dir, SINGLE_NODE_TEMPLATE)));
}

function ancestors(from: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(from); dirname(dir) !== dir; dir = dirname(dir))
    found.push(join(dir, REPOSITORY_TEMPLATES));
  return found;
}

export interface TrainingTemplates {
  single: V1Job;
  multiNode: V1Job;
}

/** Both templates, parsed; a missing or broken file is an error naming it. */
export function loadTrainingTemplates(dir: string): TrainingTemplates {
  return {
    single: readJob(join(dir, SINGLE_NODE_TEMPLATE)),
    multiNode: readJob(join(dir, MULTI_NODE_TEMPLATE)),
  };
}

function readJob(path: string): V1Job {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`training Job template ${path} cannot be read: ${(error as Error).message}`);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`training Job template ${path}: ${doc.errors[0].message}`);
  const job = doc.toJS() as V1Job | null;
  if (!job || job.apiVersion !== 'batch/v1' || job.kind !== 'Job' || !job.spec?.template?.spec) {
    throw new Error(`training Job template ${path} is not a batch/v1 Job with a pod template`);
  }
  return job;
}
