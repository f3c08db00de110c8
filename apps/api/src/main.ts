import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp } from './api-app';
import { appConfigFromEnv } from '@loris/engine';

async function main(): Promise<void> {
  const config = appConfigFromEnv();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  Logger.log(`GraphQL API on http://${config.host}:${config.port}/graphql`, 'Api');
}

main().catch((error: Error) => {
  console.error(`The API could not start: ${error.message}`);
  process.exit(1);
});
