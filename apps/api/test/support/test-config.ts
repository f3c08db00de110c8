import { TestDatabase } from './test-database';
import { AppConfig, appConfigFromEnv } from '@loris/engine';

/**
 * AppConfig for a test run: the test database, a Redis key prefix of its own (so two API instances
 * never share rate budgets or queues unless `env.REDIS_KEY_PREFIX` says so), port 0, and rate limits high enough for suites that make many calls. `env` entries
 * override the environment (e.g. { RATE_LIMIT_MAX: '3' }).
 */
let instances = 0;

export function testConfig(database: TestDatabase, env: Record<string, string> = {}): AppConfig {
  const config = appConfigFromEnv({
    ...process.env,
    API_PORT: '0',
    // In-process and spawned workers' health and metrics server on a free port: several may run at once.
    WORKER_HTTP_PORT: '0',
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_ANONYMOUS_MAX: '100000',
    REDIS_KEY_PREFIX: `${database.name}_${++instances}`,
    ...env,
  });
  return { ...config, database: database.config };
}
