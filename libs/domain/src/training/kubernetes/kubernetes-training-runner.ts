import type { V1Job, V1Pod, V1Secret } from '@kubernetes/client-node';
import type { KubernetesTrainingConfig } from '@loris/engine';
import type {
  TrainingOutcome,
  TrainingRunner,
  TrainingRunSink,
  TrainingRunSpec,
} from '../runners/training-runner';
import { observeJob } from './job-status';
import { renderTrainingRun } from './render-training-job';
import { hashRunToken, mintRunToken } from './run-token';
import { ClusterRefusedError, TrainingCluster, WatchHandle } from './training-cluster';
import type { TrainingTemplates } from './training-templates';

/** How long a Job's own Failed condition waits for its pod's failure, whose message says more. */
const POD_FAILURE_GRACE_MS = 3000;

/** Where a finished run's exported model (uploaded by its pod) is fetched from. */
export interface TrainingExportSource {
  /** The export the run's pod uploaded, unpacked into a new folder; undefined when none was uploaded. */
  fetchExport(tenantId: string, runId: string): Promise<string | undefined>;
}

export interface KubernetesRunnerOptions {
  settings: KubernetesTrainingConfig;
  cluster: TrainingCluster;
  templates: TrainingTemplates;
  exports: TrainingExportSource;
  /** Pause before watching again after the API server ended a watch. */
  rewatchMs?: number;
  /** How long a cancel waits for the Job's pods to stop (their SIGTERM checkpoint) before resolving. */
  cancelWaitMs?: number;
}

/**
 * The KUBERNETES backend: renders the run's Job and Secret, submits them (a retried job finds them there
 * and follows the same Job), then watches the Job and its pods until the run ends. Metrics do not pass
 * through here: the pods POST them to the API with the run's token; this runner only reports what the
 * cluster says (a pod waiting for a node, an image being pulled) as log lines, and the outcome.
 */
export class KubernetesTrainingRunner implements TrainingRunner {
  constructor(private readonly options: KubernetesRunnerOptions) {}

  async run(spec: TrainingRunSpec, sink: TrainingRunSink, signal: AbortSignal): Promise<TrainingOutcome> {
    const { settings, cluster, templates } = this.options;
    if (!settings.reportUrl) {
      return {
        status: 'FAILED',
        message: 'TRAINING_REPORT_URL is not set: the training pods would have nowhere to report',
      };
    }
    if (signal.aborted) return { status: 'CANCELLED', checkpoint: null };
    let rendered;
    try {
      rendered = renderTrainingRun({
        spec,
        settings,
        templates,
        reportUrl: settings.reportUrl,
        reportToken: mintRunToken(spec.tenantId),
      });
    } catch (error) {
      return { status: 'FAILED', message: (error as Error).message };
    }
    const name = rendered.job.metadata!.name!;
    try {
      // Created suspended: no pod starts before its Secret exists and the token's hash is stored.
      const job = (await cluster.createJob(rendered.job)) ?? (await cluster.readJob(name));
      if (!job?.metadata?.uid)
        throw new ClusterRefusedError(
          `training Job ${cluster.namespace}/${name} vanished right after it was created`,
          404,
        );
      const token = await this.ensureSecret(rendered.secret, job);
      await sink.setBackendRef(
        { kind: 'kubernetes', namespace: cluster.namespace, job: name },
        hashRunToken(token),
      );
      if (job.spec?.suspend) await cluster.resumeJob(name);
    } catch (error) {
      if (error instanceof ClusterRefusedError) return { status: 'FAILED', message: error.message };
      throw error; // unreachable or busy API server: the job is retried, and finds what was created
    }
    return this.follow(spec, name, sink, signal);
  }

  /** The run's Secret, owned by its Job; a retry keeps the token already in it (the pods may hold it). */
  private async ensureSecret(secret: V1Secret, job: V1Job): Promise<string> {
    const { cluster } = this.options;
    const owned: V1Secret = {
      ...secret,
      metadata: {
        ...secret.metadata,
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata!.name!, uid: job.metadata!.uid! },
        ],
      },
    };
    if (await cluster.createSecret(owned)) return secret.stringData!.LORIS_REPORT_TOKEN;
    const existing = await cluster.readSecret(secret.metadata!.name!);
    const encoded = existing?.data?.LORIS_REPORT_TOKEN;
    const token = encoded
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : existing?.stringData?.LORIS_REPORT_TOKEN;
    if (!token) {
      throw new ClusterRefusedError(
        `Secret ${cluster.namespace}/${secret.metadata!.name} exists without LORIS_REPORT_TOKEN; delete it and the Job, then retry`,
        409,
      );
    }
    return token;
  }

  /** Watches the Job and its pods until an outcome; cancels on abort. */
  private follow(
    spec: TrainingRunSpec,
    name: string,
    sink: TrainingRunSink,
    signal: AbortSignal,
  ): Promise<TrainingOutcome> {
    const { cluster } = this.options;
    const rewatchMs = this.options.rewatchMs ?? 2000;
    return new Promise<TrainingOutcome>((resolve) => {
      let job: V1Job | undefined;
      let jobSeen = false;
      const pods = new Map<string, V1Pod>();
      const shown = new Set<string>();
      const watches: { job?: WatchHandle; pods?: WatchHandle } = {};
      let settled = false;
      let cancelling = false;
      let deciding = false;
      let podGraceOver = false;
      let podGraceTimer: NodeJS.Timeout | undefined;

      const settle = (outcome: TrainingOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(podGraceTimer);
        watches.job?.stop();
        watches.pods?.stop();
        signal.removeEventListener('abort', cancel);
        resolve(outcome);
      };

      const say = (lines: string[]) => {
        const fresh = lines.filter((line) => !shown.has(line));
        fresh.forEach((line) => shown.add(line));
        // Informational: a sink that cannot store them must not end the run.
        if (fresh.length) sink.log(fresh.map((line) => `[kubernetes] ${line}`)).catch(() => undefined);
      };

      const decide = async () => {
        if (settled || cancelling || deciding) return;
        const seen = observeJob(job, [...pods.values()]);
        if (seen.state === 'waiting' || seen.state === 'running') return say(seen.messages);
        if (seen.state === 'failed' && seen.by === 'job' && !podGraceOver) {
          // The Job's Failed condition can arrive before the pod event that carries the container's exit
          // code and last lines, the message worth reading: give the pod watch a moment first.
          podGraceTimer ??= setTimeout(() => {
            podGraceOver = true;
            void decide();
          }, POD_FAILURE_GRACE_MS);
          return;
        }
        deciding = true;
        if (seen.state === 'failed') {
          say([seen.message]);
          // A pod stuck on an image would keep the Job (and a GPU) forever: delete it, pods first.
          await cluster.deleteJob(name).catch(() => undefined);
          return settle({ status: 'FAILED', message: seen.message });
        }
        try {
          const exportDir = await this.options.exports.fetchExport(spec.tenantId, spec.runId);
          if (!exportDir) {
            return settle({
              status: 'FAILED',
              message: `training Job ${name} succeeded but its pod uploaded no exported model (see the run's log)`,
            });
          }
          settle({ status: 'SUCCEEDED', exportDir });
        } catch (error) {
          settle({
            status: 'FAILED',
            message: `the trained model could not be fetched: ${(error as Error).message}`,
          });
        }
      };

      const cancel = () => {
        if (settled || cancelling) return;
        cancelling = true;
        say([`cancel: deleting Job ${name} (its pods get SIGTERM and save a checkpoint)`]);
        const gone = () => settle({ status: 'CANCELLED', checkpoint: null });
        cluster
          .deleteJob(name)
          .then(() => {
            if (!job) return gone();
            // Foreground deletion: the Job is gone once its pods are; resolve then, or after the wait.
            setTimeout(gone, this.options.cancelWaitMs ?? 120_000).unref();
          })
          .catch((error: Error) =>
            // Not cancelled: the Job still runs. Say so, and how to stop it by hand.
            settle({
              status: 'FAILED',
              message: `cancel could not delete the training Job: ${error.message}; delete it with kubectl -n ${cluster.namespace} delete job ${name}`,
            }),
          );
      };

      const watchJob = () => {
        if (settled) return;
        cluster
          .watchJob(
            name,
            (event) => {
              if (event.type === 'DELETED') {
                job = undefined;
                if (cancelling) return settle({ status: 'CANCELLED', checkpoint: null });
                return settle({
                  status: 'FAILED',
                  message: `training Job ${cluster.namespace}/${name} was deleted outside LORIS`,
                });
              }
              job = event.object;
              jobSeen = true;
              void decide();
            },
            () => setTimeout(rewatch, rewatchMs).unref(),
          )
          .then((handle) => (settled ? handle.stop() : (watches.job = handle)))
          .catch(() => setTimeout(rewatch, rewatchMs).unref());
      };

      // After a watch ends: a Job that disappeared meanwhile is an outcome, else watch again.
      const rewatch = () => {
        if (settled) return;
        cluster
          .readJob(name)
          .then((current) => {
            if (!current && jobSeen) {
              if (cancelling) return settle({ status: 'CANCELLED', checkpoint: null });
              return settle({
                status: 'FAILED',
                message: `training Job ${cluster.namespace}/${name} was deleted outside LORIS`,
              });
            }
            watchJob();
          })
          .catch(() => setTimeout(rewatch, rewatchMs).unref());
      };

      const watchPods = () => {
        if (settled) return;
        pods.clear(); // the new watch lists every pod again
        cluster
          .watchRunPods(
            spec.runId,
            (event) => {
              const key = event.object.metadata?.name ?? '';
              if (event.type === 'DELETED') pods.delete(key);
              else pods.set(key, event.object);
              void decide();
            },
            () => setTimeout(watchPods, rewatchMs).unref(),
          )
          .then((handle) => (settled ? handle.stop() : (watches.pods = handle)))
          .catch(() => setTimeout(watchPods, rewatchMs).unref());
      };

      signal.addEventListener('abort', cancel);
      watchJob();
      watchPods();
      if (signal.aborted) cancel();
    });
  }
}
