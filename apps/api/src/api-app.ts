import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IncomingMessage, Server } from 'node:http';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { runTokenRoutes } from './modules/training/run-token-routes';
import { edgeAuth } from './server/auth/edge-auth.middleware';
import { RequestAuthenticator } from './server/auth/request-authenticator.service';
import { inputValidationPipe } from './server/graphql/validation.pipe';
import { bodyTimeout } from './server/http/body-timeout.middleware';
import { jsonBodyErrors } from './server/http/json-body-errors.middleware';
import { httpMetrics } from './server/metrics/http-metrics.middleware';
import { requestContext, tagRequestTenant } from './server/observability/request-context.middleware';
import { RateLimiter } from './server/rate-limit/rate-limiter.service';
import { AppConfig, createAppLogger, METRICS_REGISTRY, startTracing, withTracingModule } from '@loris/engine';

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
  const tracing = startTracing(config.tracing, 'loris-api');
  const logger = createAppLogger(config.logging, { service: 'loris-api', nestLevels: options.logger });
  const app = await NestFactory.create<NestExpressApplication>(
    withTracingModule(AppModule.forRoot(config), tracing),
    { bodyParser: false, logger },
  ).catch(async (error: Error) => {
    await tracing?.shutdown();
    throw error;
  });
  // Times every request, refused ones included (METRICS_ENABLED; served on GET /metrics).
  if (config.metrics.enabled) app.use(httpMetrics(app.get(METRICS_REGISTRY)));
  app.use(requestContext());
  // A body that trickles in is refused with 408 rather than holding a socket open (issue 12).
  app.use(bodyTimeout({ bodyMs: config.http.bodyTimeoutMs, uploadIdleMs: config.uploads.idleTimeoutMs }));
  (app.getHttpServer() as Server).headersTimeout = config.http.headersTimeoutMs;
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.enableCors({
    origin: true,
    credentials: false,
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'x-file-name'],
    exposedHeaders: ['x-request-id'],
  });
  const auth = edgeAuth(app.get(RequestAuthenticator), app.get(RateLimiter));
  app.use('/graphql', auth);
  // A training pod's run token opens only its run's report routes, which check it (issue 15).
  app.use('/v1', runTokenRoutes(auth));
  // Upload bodies are streamed to the blob store by their route, never parsed (a pose track is JSON too).
  app.useBodyParser('json', {
    limit: config.http.bodyLimit,
    type: (req: IncomingMessage) =>
      // Routing ignores case, so this check must too (POST /V1/UPLOADS reaches the upload route).
      !req.url?.toLowerCase().startsWith('/v1/uploads') &&
      /\bjson\b/i.test(req.headers['content-type'] ?? ''),
  });
  app.use(jsonBodyErrors);
  app.use(tagRequestTenant());
  app.useGlobalPipes(inputValidationPipe());
  app.enableShutdownHooks();
  return app;
}
