import { DatabaseConfig, databaseConfigFromEnv } from '@loris/db';
import { QueueName } from '../queue/queue-name.enum';

/** Where the worker runs the model: onnxruntime's CPU provider, or CUDA with a logged fall back to CPU. */
export type WorkerExecutionProvider = 'cpu' | 'cuda';

/** Everything the API and the worker read from the environment, parsed and checked once at start. */
export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  redis: { url: string; keyPrefix: string };
  auth: {
    tokenSecret: string;
    tokenTtlSeconds: number;
    invitationTtlSeconds: number;
    /** Active (unrevoked) API keys a tenant may hold: each is a credential to audit, and a row to list. */
    maxApiKeysPerTenant: number;
    passwordHash: { memoryKib: number; timeCost: number };
  };
  /** bodyTimeoutMs: a request body (uploads aside) must arrive within it; headersTimeoutMs: its headers. */
  http: { bodyLimit: string; trustProxy: boolean; bodyTimeoutMs: number; headersTimeoutMs: number };
  /** maxRootFields: root fields (aliases included) one operation may select; each reaches the database. */
  graphql: { maxDepth: number; maxComplexity: number; maxRootFields: number; introspection: boolean };
  /**
   * Request budgets per window: per API key or member, per IP without credentials, and on the rater routes
   * (issue 17) per rater token (a session, or the link that starts one) and per client IP.
   */
  rateLimit: {
    windowMs: number;
    maxPerKey: number;
    maxAnonymous: number;
    maxPerRaterToken: number;
    maxPerRaterIp: number;
  };
  /**
   * graphql-ws on /graphql: largest message, open sockets per client IP and per caller (API key or member,
   * counted per API process), time allowed before connection_init, and how often running subscriptions
   * have their credentials checked again.
   */
  sockets: {
    maxPayloadBytes: number;
    maxPerIp: number;
    maxPerCaller: number;
    initTimeoutMs: number;
    recheckMs: number;
  };
  /**
   * lockMs: how long a job's lock lives without renewal, so a dead worker's job is picked up again after
   * about that. queues: the queues this worker takes jobs from (a GPU pool takes only `generate`, so the
   * pools KEDA scales on different queues do not take each other's jobs).
   */
  worker: {
    concurrency: number;
    lockMs: number;
    queues: QueueName[];
    executionProvider: WorkerExecutionProvider;
    /** The worker's own HTTP server (/metrics, /healthz/live, /healthz/ready); port 0 picks a free one. */
    httpPort: number;
    httpHost: string;
    /**
     * Estimated bytes the registry versions loaded on demand may hold together (an LRU; the built-in
     * default is always loaded besides), and the folder their files are fetched into by sha256.
     */
    modelMemoryBytes: number;
    modelCacheDir: string;
    /** Disk the cached registry versions may take; the least recently used are removed beyond it. */
    modelCacheBytes: number;
  };
  /** Prometheus metrics: /metrics on the API and the worker, and their recording; off answers 404 there. */
  metrics: { enabled: boolean };
  /**
   * The worker's sweep for jobs no live queue job backs: every intervalMs, rows unfinished and unchanged for
   * graceMs (so a row is never ended between its insert and its enqueue) are checked against the queue.
   */
  reaper: { intervalMs: number; graceMs: number };
  /** Soundtrack generation: the serving model and the per-tenant defaults (tenant_quotas overrides them). */
  soundtracks: { modelDir: string; maxConcurrentJobs: number; maxSecondsPerMonth: number };
  /** The other per-tenant defaults the usage page measures against (tenant_quotas overrides them). */
  quotas: {
    maxStoredBytes: number;
    maxTrainingMinutesPerMonth: number;
    maxEvaluationSamplesPerMonth: number;
  };
  /** idleTimeoutMs: how long an upload's body may go without a byte. */
  uploads: { maxBytes: number; idleTimeoutMs: number };
  /**
   * env: the variables libs/storage reads (STORAGE_URL, STORAGE_DIR, S3_*, AWS_*). staleTempMs: a temp file
   * of a put untouched this long belongs to a process that died mid-upload, and is swept at start.
   */
  storage: { env: NodeJS.ProcessEnv; staleTempMs: number };
  logging: LoggingConfig;
  /** tracesUrl: where spans are posted (OTLP/HTTP); undefined turns tracing off. */
  tracing: { tracesUrl: string | undefined; serviceName: string | undefined };
  /** The Kubernetes training backend (README.md "Train on a Kubernetes cluster"). */
  trainingKubernetes: KubernetesTrainingConfig;
  /**
   * The local training backend (issue 15): the trainer as a child process of a train-queue worker.
   * trainerDir: apps/trainer (found from the working directory when TRAINER_DIR is unset); python: the
   * interpreter with PyTorch; threads: the trainer's --threads; maxSeconds: a run's wall-clock limit.
   */
  trainingLocal: { trainerDir: string | undefined; python: string; threads: number; maxSeconds: number };
}

/** How the worker reaches a cluster: not at all, its pod's service account, or a kubeconfig file. */
export type KubernetesCredentials = 'off' | 'in-cluster' | 'kubeconfig';

/** A pod toleration, as TRAINING_TOLERATIONS spells it (the Kubernetes field names). */
export interface TrainingToleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface KubernetesTrainingConfig {
  credentials: KubernetesCredentials;
  /** The kubeconfig file (KUBECONFIG; its first path when it lists several) for credentials `kubeconfig`. */
  kubeconfigPath: string | undefined;
  namespace: string;
  /** TRAINER_IMAGE runs CPU runs; TRAINER_CUDA_IMAGE runs runs with GPUs. */
  image: string;
  cudaImage: string;
  /** The `loris.dev/node-pool` label GPU training pods are scheduled on; undefined: no node selector. */
  nodePool: string | undefined;
  /** Tolerations of GPU training pods; undefined: the GPU pool's usual `nvidia.com/gpu` taint. */
  tolerations: TrainingToleration[] | undefined;
  /** Pods per run (an Indexed Job beyond 1) and GPUs per pod (0: a CPU run). */
  nodes: number;
  gpusPerNode: number;
  /** Where job.yaml and multinode-job.yaml are; undefined: /etc/loris/training, else the repository's. */
  templatesDir: string | undefined;
  /** The API's base URL as the training pods reach it (they report metrics and upload the export there). */
  reportUrl: string | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export interface LoggingConfig {
  level: LogLevelName;
  format: 'json' | 'pretty';
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const DEV_TOKEN_SECRET = 'loris-development-secret-do-not-use-in-production';

export function appConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const tokenSecret = env.AUTH_TOKEN_SECRET || (production ? '' : DEV_TOKEN_SECRET);
  if (tokenSecret.length < 32) {
    throw new ConfigError('AUTH_TOKEN_SECRET must be set to at least 32 random characters in production');
  }
  return {
    port: int(env, 'API_PORT', 4000, 0),
    host: env.API_HOST || '127.0.0.1',
    database: databaseConfigFromEnv(env),
    redis: { url: env.REDIS_URL || 'redis://127.0.0.1:6379', keyPrefix: env.REDIS_KEY_PREFIX || 'loris' },
    auth: {
      tokenSecret,
      tokenTtlSeconds: int(env, 'AUTH_TOKEN_TTL_SECONDS', 12 * 3600, 60),
      invitationTtlSeconds: int(env, 'INVITATION_TTL_SECONDS', 7 * 24 * 3600, 60),
      maxApiKeysPerTenant: int(env, 'API_KEYS_MAX_PER_TENANT', 100, 1),
      passwordHash: {
        memoryKib: int(env, 'ARGON2_MEMORY_KIB', 19_456, 8192),
        timeCost: int(env, 'ARGON2_TIME_COST', 2, 1),
      },
    },
    http: {
      bodyLimit: env.API_BODY_LIMIT || '1mb',
      trustProxy: env.API_TRUST_PROXY === 'true',
      bodyTimeoutMs: int(env, 'API_BODY_TIMEOUT_MS', 30_000, 100),
      headersTimeoutMs: int(env, 'API_HEADERS_TIMEOUT_MS', 20_000, 100),
    },
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 15, 2),
      maxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 5000, 10),
      maxRootFields: int(env, 'GRAPHQL_MAX_ROOT_FIELDS', 20, 1),
      introspection: env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : !production,
    },
    rateLimit: {
      windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1),
      maxPerKey: int(env, 'RATE_LIMIT_MAX', 1200, 1),
      maxAnonymous: int(env, 'RATE_LIMIT_ANONYMOUS_MAX', 120, 1),
      // A session is about 5 requests a clip; a rater needs well under 600 a minute.
      maxPerRaterToken: int(env, 'RATER_RATE_LIMIT_PER_TOKEN', 600, 1),
      // Raters behind one NAT (a lab, a campus) share an address.
      maxPerRaterIp: int(env, 'RATER_RATE_LIMIT_PER_IP', 3000, 1),
    },
    sockets: {
      maxPayloadBytes: int(env, 'WS_MAX_PAYLOAD_BYTES', 256 * 1024, 1024),
      maxPerIp: int(env, 'WS_MAX_SOCKETS_PER_IP', 50, 1),
      maxPerCaller: int(env, 'WS_MAX_SOCKETS_PER_CALLER', 20, 1),
      initTimeoutMs: int(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 5000, 100),
      recheckMs: int(env, 'WS_RECHECK_INTERVAL_MS', 5000, 100),
    },
    worker: {
      concurrency: int(env, 'WORKER_CONCURRENCY', 2, 1),
      lockMs: int(env, 'WORKER_LOCK_MS', 30_000, 100),
      queues: queueList(env, 'WORKER_QUEUES'),
      executionProvider: oneOf(env, 'WORKER_EXECUTION_PROVIDER', ['cpu', 'cuda'] as const, 'cpu'),
      httpPort: int(env, 'WORKER_HTTP_PORT', 4100, 0),
      httpHost: env.WORKER_HTTP_HOST || '127.0.0.1',
      // 8 GiB: on a 24 GiB GPU worker, room for a dozen tiny or two paper-size versions beside the default,
      // the process and the step buffers of concurrent jobs.
      modelMemoryBytes: int(env, 'WORKER_MODEL_MEMORY_MB', 8192, 1) * 1024 * 1024,
      modelCacheDir: env.WORKER_MODEL_CACHE_DIR || 'var/model-cache',
      modelCacheBytes: int(env, 'WORKER_MODEL_CACHE_MB', 20480, 1) * 1024 * 1024,
    },
    metrics: { enabled: bool(env, 'METRICS_ENABLED', true) },
    reaper: {
      intervalMs: int(env, 'REAPER_INTERVAL_MS', 60_000, 100),
      graceMs: int(env, 'REAPER_GRACE_MS', 5 * 60_000, 0),
    },
    soundtracks: {
      modelDir: env.MODEL_DIR || 'models/default',
      maxConcurrentJobs: int(env, 'QUOTA_CONCURRENT_JOBS', 4, 0),
      maxSecondsPerMonth: int(env, 'QUOTA_SECONDS_PER_MONTH', 3600, 0),
    },
    quotas: {
      maxStoredBytes: int(env, 'QUOTA_STORED_BYTES', 10 * 1024 ** 3, 0),
      maxTrainingMinutesPerMonth: int(env, 'QUOTA_TRAINING_MINUTES_PER_MONTH', 600, 0),
      maxEvaluationSamplesPerMonth: int(env, 'QUOTA_EVALUATION_SAMPLES_PER_MONTH', 2000, 0),
    },
    uploads: {
      maxBytes: int(env, 'UPLOAD_MAX_BYTES', 500 * 1024 * 1024, 1),
      idleTimeoutMs: int(env, 'UPLOAD_IDLE_TIMEOUT_MS', 30_000, 100),
    },
    storage: { env, staleTempMs: int(env, 'STORAGE_STALE_TEMP_MS', 60 * 60 * 1000, 1000) },
    logging: {
      level: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      format: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    },
    tracing: { tracesUrl: otlpTracesUrl(env), serviceName: env.OTEL_SERVICE_NAME || undefined },
    trainingKubernetes: kubernetesTrainingFromEnv(env),
    trainingLocal: {
      trainerDir: env.TRAINER_DIR || undefined,
      python: env.TRAINER_PYTHON || '/usr/bin/python3',
      threads: int(env, 'TRAINING_THREADS', 1, 1),
      maxSeconds: int(env, 'TRAINING_MAX_SECONDS', 6 * 3600, 1),
    },
  };
}

function kubernetesTrainingFromEnv(env: NodeJS.ProcessEnv): KubernetesTrainingConfig {
  // KUBECONFIG may list files (colon-separated, as kubectl reads it); the backend loads the first.
  const kubeconfigPath = env.KUBECONFIG?.split(':').find(Boolean);
  // Unset: a kubeconfig when one is named, else the pod's service account when running in a cluster.
  const inferred: KubernetesCredentials = kubeconfigPath
    ? 'kubeconfig'
    : env.KUBERNETES_SERVICE_HOST
      ? 'in-cluster'
      : 'off';
  const credentials = oneOf(
    env,
    'TRAINING_KUBERNETES',
    ['off', 'in-cluster', 'kubeconfig'] as const,
    inferred,
  );
  if (credentials === 'kubeconfig' && !kubeconfigPath) {
    throw new ConfigError('TRAINING_KUBERNETES=kubeconfig needs KUBECONFIG, the path of the kubeconfig file');
  }
  const reportUrl = env.TRAINING_REPORT_URL?.replace(/\/+$/, '') || undefined;
  if (reportUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(reportUrl)) {
    throw new ConfigError(
      `TRAINING_REPORT_URL must be the API's http(s) base URL as training pods reach it, such as http://api:4000, got "${reportUrl}"`,
    );
  }
  return {
    credentials,
    kubeconfigPath,
    namespace: env.TRAINING_NAMESPACE || 'loris',
    image: env.TRAINER_IMAGE || 'loris/trainer:0.1.0',
    cudaImage: env.TRAINER_CUDA_IMAGE || 'loris/trainer-cuda:0.1.0',
    nodePool: env.TRAINING_NODE_POOL || undefined,
    tolerations: tolerations(env, 'TRAINING_TOLERATIONS'),
    nodes: int(env, 'TRAINING_NODES', 1, 1),
    gpusPerNode: int(env, 'TRAINING_GPUS_PER_NODE', 0, 0),
    templatesDir: env.TRAINING_TEMPLATES_DIR || undefined,
    reportUrl,
  };
}

const TOLERATION_FIELDS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];

/** A JSON array of tolerations (`[{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"}]`). */
function tolerations(env: NodeJS.ProcessEnv, name: string): TrainingToleration[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const example = `such as [{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"}]`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${name} must be a JSON array of tolerations, ${example}; it is not JSON`);
  }
  if (!Array.isArray(parsed))
    throw new ConfigError(`${name} must be a JSON array of tolerations, ${example}`);
  return parsed.map((item: unknown, index) => {
    const at = `${name}[${index}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new ConfigError(`${at} must be an object, ${example}`);
    const t = item as Record<string, unknown>;
    const unknown = Object.keys(t).filter((k) => !TOLERATION_FIELDS.includes(k));
    if (unknown.length)
      throw new ConfigError(
        `${at} has unknown fields ${unknown.join(', ')}; use ${TOLERATION_FIELDS.join(', ')}`,
      );
    for (const field of ['key', 'value'] as const) {
      if (t[field] !== undefined && typeof t[field] !== 'string')
        throw new ConfigError(`${at}.${field} must be a string`);
    }
    if (t.operator !== undefined && t.operator !== 'Exists' && t.operator !== 'Equal')
      throw new ConfigError(`${at}.operator must be Exists or Equal`);
    if (
      t.effect !== undefined &&
      !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect as string)
    )
      throw new ConfigError(`${at}.effect must be NoSchedule, PreferNoSchedule or NoExecute`);
    if (t.tolerationSeconds !== undefined && !Number.isInteger(t.tolerationSeconds))
      throw new ConfigError(`${at}.tolerationSeconds must be an integer`);
    if (t.operator === 'Exists' && t.value !== undefined)
      throw new ConfigError(`${at}: operator Exists takes no value`);
    return t as TrainingToleration;
  });
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

// The OTLP spec's rule: the traces variable is the full URL; the general one is a base that gets /v1/traces.
function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (url === undefined) return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    const name = traces ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
    throw new ConfigError(
      `${name} must be an http(s) URL such as http://collector:4318, got "${traces || base}"`,
    );
  }
  return url;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return value;
}

/** A comma-separated list of queue names; unset or empty means every queue. */
function queueList(env: NodeJS.ProcessEnv, name: string): QueueName[] {
  const known = Object.values(QueueName);
  const raw = env[name]?.trim();
  if (!raw) return known;
  const names = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = names.filter((queue) => !(known as string[]).includes(queue));
  if (unknown.length > 0 || names.length === 0) {
    const listed = unknown.length > 0 ? `names unknown queues (${unknown.join(', ')})` : 'lists no queue';
    throw new ConfigError(`${name} ${listed}; the queues are ${known.join(', ')}`);
  }
  return [...new Set(names as QueueName[])];
}
