// @loris/engine: the server plumbing the API and the worker share. It knows Nest, TypeORM wiring, Redis
// and Bull, and nothing of GraphQL, HTTP or any business domain.
export * from './config/app-config';
export * from './config/config.module';
export * from './database/database.module';
export * from './redis/redis.module';
export * from './storage/storage.module';
export * from './errors/app-error';
export * from './errors/database-unavailable';
export * from './tenancy/tenant-context';
export * from './auth/credentials.module';
export * from './auth/password-hasher';
export * from './auth/secret-token';
export * from './auth/session-token';
export * from './pagination/cursor';
export * from './pagination/page';
export * from './queue/queue-name.enum';
export * from './queue/job-definition';
export * from './queue/jobs';
export * from './queue/job-processor';
export { STALLED_FAILURE_CODE } from './queue/final-failures';
export * from './queue/queue.service';
export * from './queue/queue.module';
export * from './events/job-events.service';
export * from './events/events.module';
export * from './observability/logging';
export * from './observability/tracing';
export * from './observability/metrics';
