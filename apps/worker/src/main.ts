import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { appConfigFromEnv, createAppLogger } from '@loris/engine';
import { createWorkerApp } from './worker-app';

createWorkerApp(appConfigFromEnv())
  .then(() => Logger.log('worker processing queues', 'Worker'))
  .catch((error: Error) => {
    // The settings may be what failed, so this line is JSON at the default level whatever they say.
    createAppLogger({ level: 'info', format: 'json' }, { service: 'loris-worker' }).fatal(
      `The worker could not start: ${error.message}`,
    );
    process.exit(1);
  });
