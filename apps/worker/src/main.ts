import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { appConfigFromEnv } from '@loris/engine';
import { createWorkerApp } from './worker-app';

createWorkerApp(appConfigFromEnv())
  .then(() => Logger.log('worker processing queues', 'Worker'))
  .catch((error: Error) => {
    console.error(`The worker could not start: ${error.message}`);
    process.exit(1);
  });
