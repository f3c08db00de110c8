import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../../src/api-app';
import { createWorkerApp } from '../../../worker/src/worker-app';
import { testConfig } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';
import { AppConfig } from '@loris/engine';

export interface TestApi {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  graphqlUrl: string;
  config: AppConfig;
  database: TestDatabase;
  app: NestExpressApplication;
  /** Closes the API and deletes its Redis keys; drops the database unless it was passed in. */
  stop(): Promise<void>;
}

export interface StartTestApiOptions {
  /** Reuse a database (then stop() leaves it and its Redis keys alone); a fresh one by default. */
  database?: TestDatabase;
  /** Environment overrides, e.g. { RATE_LIMIT_MAX: '3' }. */
  env?: Record<string, string>;
  /** Nest log levels; quiet (errors only) by default. */
  logger?: ('log' | 'warn' | 'error' | 'debug')[] | false;
}

/** The real API, in this process, listening on an ephemeral port of 127.0.0.1. */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const owned = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const config = testConfig(database, options.env);
  const app = await createApiApp(config, { logger: options.logger ?? ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    config,
    database,
    app,
    async stop() {
      await app.close();
      await deleteRedisKeys(config);
      if (owned) await database.drop();
    },
  };
}

export interface TestWorker {
  app: INestApplicationContext;
  /** Graceful: waits for running jobs. */
  stop(): Promise<void>;
}

/** The real worker (Nest application context + Bull), in this process, on the same database and Redis prefix. */
export async function startTestWorker(config: AppConfig): Promise<TestWorker> {
  const app = await createWorkerApp(config, { logger: ['error'] });
  return { app, stop: () => app.close() };
}

/** Removes every Redis key of a test run (rate budgets, Bull queues). */
export async function deleteRedisKeys(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.keyPrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
