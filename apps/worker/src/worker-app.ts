import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AppConfig, createAppLogger, startTracing, withTracingModule } from '@loris/engine';
import { WorkerModule } from './worker.module';

/**
 * Starts processing as soon as it resolves. close() (or SIGTERM/SIGINT) stops taking jobs, waits for the
 * running ones to finish, then closes the database pool.
 */
export async function createWorkerApp(
  config: AppConfig,
  // logDestination: where the JSON log lines go instead of stdout (a test reads the lines it asserts on).
  options: { logger?: LogLevel[] | false; logDestination?: DestinationStream } = {},
): Promise<INestApplicationContext> {
  const tracing = startTracing(config.tracing, 'loris-worker');
  const logger = createAppLogger(config.logging, {
    service: 'loris-worker',
    nestLevels: options.logger,
    destination: options.logDestination,
  });
  const app = await NestFactory.createApplicationContext(
    withTracingModule(WorkerModule.forRoot(config), tracing),
    { logger },
  ).catch(async (error: Error) => {
    await tracing?.shutdown();
    throw error;
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
