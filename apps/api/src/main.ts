import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createApiApp } from './api-app';
import { appConfigFromEnv, createAppLogger } from '@loris/engine';

async function main(): Promise<void> {
  const config = appConfigFromEnv();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  // The bound port, so API_PORT=0 (any free port) still says where it is.
  const { port } = app.getHttpServer().address() as AddressInfo;
  Logger.log(`GraphQL API on http://${config.host}:${port}/graphql`, 'Api');
}

main().catch((error: Error) => {
  // The settings may be what failed, so this line is JSON at the default level whatever they say.
  createAppLogger({ level: 'info', format: 'json' }, { service: 'loris-api' }).fatal(
    `The API could not start: ${error.message}`,
  );
  process.exit(1);
});
