import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@loris/engine';
import { WorkerModule } from './worker.module';

/**
 * Starts processing as soon as it resolves. close() (or SIGTERM/SIGINT) stops taking jobs, waits for the
 * running ones to finish, then closes the database pool.
 */
export async function createWorkerApp(
  config: AppConfig,
  options: { logger?: LogLevel[] | false } = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
