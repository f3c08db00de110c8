import {
  BatchV1Api,
  CoreV1Api,
  HttpError,
  KubeConfig,
  V1Job,
  V1Pod,
  V1Secret,
  Watch,
} from '@kubernetes/client-node';
import type { KubernetesTrainingConfig } from '@loris/engine';
import { RUN_LABEL } from './render-training-job';

/** A watch that has been started; stop() ends it without calling its done callback with an error. */
export interface WatchHandle {
  stop(): void;
}

export type WatchEvent<T> = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T };

/**
 * The few Kubernetes API calls the training backend makes, in its namespace, through
 * @kubernetes/client-node (0.22: the last CommonJS release; 1.x is ESM only, which ts-jest and the
 * CommonJS build cannot load). Errors keep the API server's status code and message, so the caller can
 * treat AlreadyExists and NotFound as the answers they are and say what RBAC refused.
 */
export class TrainingCluster {
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;

  constructor(
    private readonly kubeConfig: KubeConfig,
    readonly namespace: string,
  ) {
    this.batch = kubeConfig.makeApiClient(BatchV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  /** The credentials the settings name: the pod's service account, or the kubeconfig file. */
  static fromSettings(settings: KubernetesTrainingConfig): TrainingCluster {
    const kubeConfig = new KubeConfig();
    if (settings.credentials === 'in-cluster') kubeConfig.loadFromCluster();
    else if (settings.credentials === 'kubeconfig' && settings.kubeconfigPath)
      kubeConfig.loadFromFile(settings.kubeconfigPath);
    else throw new Error('Kubernetes training is off (TRAINING_KUBERNETES=off and no KUBECONFIG)');
    return new TrainingCluster(kubeConfig, settings.namespace);
  }

  /** Creates the Job; undefined when one of that name exists already (a retried submission). */
  async createJob(job: V1Job): Promise<V1Job | undefined> {
    return this.call(
      'create Job',
      job.metadata?.name,
      async () => (await this.batch.createNamespacedJob(this.namespace, job)).body,
      [409],
    );
  }

  async readJob(name: string): Promise<V1Job | undefined> {
    return this.call(
      'read Job',
      name,
      async () => (await this.batch.readNamespacedJob(name, this.namespace)).body,
      [404],
    );
  }

  /** Lets the Job controller start the pods of a Job created suspended. */
  async resumeJob(name: string): Promise<void> {
    await this.call('resume Job', name, async () =>
      this.batch.patchNamespacedJob(
        name,
        this.namespace,
        { spec: { suspend: false } },
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        {
          headers: { 'Content-Type': 'application/merge-patch+json' },
        },
      ),
    );
  }

  /** Deletes the Job and, first, its pods (foreground): they get SIGTERM and their grace period to checkpoint. */
  async deleteJob(name: string): Promise<void> {
    await this.call(
      'delete Job',
      name,
      async () =>
        this.batch.deleteNamespacedJob(
          name,
          this.namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          'Foreground',
        ),
      [404],
    );
  }

  /** Creates the Secret; undefined when one of that name exists already. */
  async createSecret(secret: V1Secret): Promise<V1Secret | undefined> {
    return this.call(
      'create Secret',
      secret.metadata?.name,
      async () => (await this.core.createNamespacedSecret(this.namespace, secret)).body,
      [409],
    );
  }

  async readSecret(name: string): Promise<V1Secret | undefined> {
    return this.call(
      'read Secret',
      name,
      async () => (await this.core.readNamespacedSecret(name, this.namespace)).body,
      [404],
    );
  }

  /** Watches one Job by name; a (re)started watch first delivers the Job as it is (ADDED). */
  watchJob(
    name: string,
    onEvent: (event: WatchEvent<V1Job>) => void,
    onEnd: (error?: Error) => void,
  ): Promise<WatchHandle> {
    return this.watch(
      `/apis/batch/v1/namespaces/${this.namespace}/jobs`,
      { fieldSelector: `metadata.name=${name}` },
      onEvent,
      onEnd,
    );
  }

  /** Watches the pods of a run (its label), delivering the existing ones first. */
  watchRunPods(
    runId: string,
    onEvent: (event: WatchEvent<V1Pod>) => void,
    onEnd: (error?: Error) => void,
  ): Promise<WatchHandle> {
    return this.watch(
      `/api/v1/namespaces/${this.namespace}/pods`,
      { labelSelector: `${RUN_LABEL}=${runId}` },
      onEvent,
      onEnd,
    );
  }

  private async watch<T>(
    path: string,
    query: Record<string, string>,
    onEvent: (event: WatchEvent<T>) => void,
    onEnd: (error?: Error) => void,
  ): Promise<WatchHandle> {
    let stopped = false;
    const request = (await new Watch(this.kubeConfig).watch(
      path,
      // The server ends the watch after this long; the caller watches again (a fresh, complete listing).
      { ...query, timeoutSeconds: 300, allowWatchBookmarks: false },
      (type: string, object: T) => {
        if (!stopped && (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED'))
          onEvent({ type, object });
      },
      (error: unknown) => {
        if (stopped) return;
        stopped = true;
        onEnd(error ? clusterError('watch', path, error) : undefined);
      },
    )) as { abort(): void };
    return {
      stop: () => {
        if (stopped) return;
        stopped = true;
        request.abort();
      },
    };
  }

  private async call<T>(
    what: string,
    name: string | undefined,
    fn: () => Promise<T>,
    tolerated: number[] = [],
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof HttpError && tolerated.includes(error.statusCode ?? 0)) return undefined;
      throw clusterError(what, `${this.namespace}/${name ?? ''}`, error);
    }
  }
}

/**
 * The API server answered with a refusal (403 RBAC, 422 an invalid object, 404 a missing namespace...):
 * retrying the same request will not help, so the run fails with this message.
 */
export class ClusterRefusedError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** An error that says what the API server answered (403: the worker's Role), never a raw response dump. */
export function clusterError(what: string, target: string, error: unknown): Error {
  if (error instanceof HttpError) {
    const body = error.body as { message?: string; reason?: string } | undefined;
    const detail = body?.message ?? error.message;
    const hint =
      error.statusCode === 403
        ? ' (the worker service account needs the training-jobs Role of k8s/base/rbac.yaml)'
        : '';
    const message = `Kubernetes refused to ${what} ${target}: ${error.statusCode} ${body?.reason ?? ''} ${detail}${hint}`;
    const status = error.statusCode ?? 0;
    // 429 and 5xx are the server being busy or down: worth retrying, like an unreachable server.
    if (status >= 400 && status < 500 && status !== 429)
      return new ClusterRefusedError(message.replace(/ +/g, ' '), status);
    return new Error(message.replace(/ +/g, ' '));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Kubernetes API unreachable to ${what} ${target}: ${message}`);
}
