import type { AppConfig } from '@loris/engine';
import type {
  TrainingOutcome,
  TrainingRunner,
  TrainingRunSink,
  TrainingRunSpec,
} from '../runners/training-runner';
import { kubernetesClusterConfigured } from './cluster-configured';
import { KubernetesTrainingRunner, TrainingExportSource } from './kubernetes-training-runner';
import { TrainingCluster } from './training-cluster';
import { CLUSTER_TEMPLATES_DIR, loadTrainingTemplates, templatesDirectory } from './training-templates';

/**
 * The worker's KUBERNETES runner, built on its first run rather than at start: a worker without a cluster
 * (most of them) starts as before, and a run that reaches it anyway fails with what to configure. The
 * templates are read again for each run, so an updated ConfigMap applies without a restart.
 */
export class LazyKubernetesTrainingRunner implements TrainingRunner {
  private cluster?: TrainingCluster;

  constructor(
    private readonly config: AppConfig,
    private readonly exports: TrainingExportSource,
  ) {}

  async run(spec: TrainingRunSpec, sink: TrainingRunSink, signal: AbortSignal): Promise<TrainingOutcome> {
    const configured = kubernetesClusterConfigured(this.config);
    if (!configured.ok) return { status: 'FAILED', message: configured.reason };
    const settings = this.config.trainingKubernetes;
    const dir = templatesDirectory(settings);
    if (!dir) {
      return {
        status: 'FAILED',
        message: `The training Job templates (job.yaml, multinode-job.yaml) are not in ${settings.templatesDir ?? CLUSTER_TEMPLATES_DIR} on this worker: mount the ConfigMap loris-training-templates there or set TRAINING_TEMPLATES_DIR`,
      };
    }
    let templates;
    try {
      templates = loadTrainingTemplates(dir);
      this.cluster ??= TrainingCluster.fromSettings(settings);
    } catch (error) {
      return { status: 'FAILED', message: (error as Error).message };
    }
    return new KubernetesTrainingRunner({
      settings,
      cluster: this.cluster,
      templates,
      exports: this.exports,
    }).run(spec, sink, signal);
  }
}
