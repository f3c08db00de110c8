import { DatabaseConfig, databaseConfigFromEnv } from '@loris/db';

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
    passwordHash: { memoryKib: number; timeCost: number };
  };
  http: { bodyLimit: string; trustProxy: boolean };
  graphql: { maxDepth: number; maxComplexity: number; introspection: boolean };
  rateLimit: { windowMs: number; maxPerKey: number; maxAnonymous: number };
  /** lockMs: how long a job's lock lives without renewal, so a dead worker's job is picked up again after about that. */
  worker: { concurrency: number; lockMs: number };
  /** Soundtrack generation: the serving model and the per-tenant defaults (tenant_quotas overrides them). */
  soundtracks: { modelDir: string; maxConcurrentJobs: number; maxSecondsPerMonth: number };
  uploads: { maxBytes: number };
  /** The variables libs/storage reads (STORAGE_URL, STORAGE_DIR, S3_*, AWS_*). */
  storage: { env: NodeJS.ProcessEnv };
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
      passwordHash: {
        memoryKib: int(env, 'ARGON2_MEMORY_KIB', 19_456, 8192),
        timeCost: int(env, 'ARGON2_TIME_COST', 2, 1),
      },
    },
    http: { bodyLimit: env.API_BODY_LIMIT || '1mb', trustProxy: env.API_TRUST_PROXY === 'true' },
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 15, 2),
      maxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 5000, 10),
      introspection: env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : !production,
    },
    rateLimit: {
      windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1),
      maxPerKey: int(env, 'RATE_LIMIT_MAX', 1200, 1),
      maxAnonymous: int(env, 'RATE_LIMIT_ANONYMOUS_MAX', 120, 1),
    },
    worker: {
      concurrency: int(env, 'WORKER_CONCURRENCY', 2, 1),
      lockMs: int(env, 'WORKER_LOCK_MS', 30_000, 100),
    },
    soundtracks: {
      modelDir: env.MODEL_DIR || 'models/default',
      maxConcurrentJobs: int(env, 'QUOTA_CONCURRENT_JOBS', 4, 0),
      maxSecondsPerMonth: int(env, 'QUOTA_SECONDS_PER_MONTH', 3600, 0),
    },
    uploads: { maxBytes: int(env, 'UPLOAD_MAX_BYTES', 500 * 1024 * 1024, 1) },
    storage: { env },
  };
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
