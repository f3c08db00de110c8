import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { edgeAuth } from './engine/auth/edge-auth.middleware';
import { RequestAuthenticator } from './engine/auth/request-authenticator.service';
import { AppConfig } from './engine/config/app-config';
import { inputValidationPipe } from './engine/graphql/validation.pipe';
import { jsonBodyErrors } from './engine/http/json-body-errors.middleware';
import { RateLimiter } from './engine/rate-limit/rate-limiter.service';

export interface ApiAppOptions {
  logger?: LogLevel[] | false;
}

/**
 * Builds the API (not yet listening). The Express pipeline in front of GraphQL, in order: caller
 * resolution and rate limit (headers only, so refused callers cost no body parsing), then the JSON body
 * parser with its size limit and its errors as JSON, then Apollo.
 */
export async function createApiApp(
  config: AppConfig,
  options: ApiAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.enableCors({
    origin: true,
    credentials: false,
    allowedHeaders: ['content-type', 'authorization', 'x-api-key'],
  });
  app.use('/graphql', edgeAuth(app.get(RequestAuthenticator), app.get(RateLimiter)));
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(jsonBodyErrors);
  app.useGlobalPipes(inputValidationPipe());
  app.enableShutdownHooks();
  return app;
}
