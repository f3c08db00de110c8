export * from './entities';
export {
  MIGRATIONS,
  AUTH_FUNCTIONS,
  BUILTIN_MODEL_ID,
  BUILTIN_MODEL_NAME,
  BUILTIN_MODEL_VERSION_ID,
} from './migrations';
export type { DatabaseConfig } from './config/database-config';
export {
  DEFAULT_DATABASE_URL,
  databaseConfigFromEnv,
  databaseName,
  redactUrl,
  withCredentials,
  withDatabase,
} from './config/database-config';
export type { DataSourceOptions } from './data-source/create-data-source';
export { createDataSource } from './data-source/create-data-source';
export { TenantUnitOfWork, InvalidTenantIdError, isUuid } from './tenancy/tenant-unit-of-work';
export type { TenantQuery } from './tenancy/tenant-unit-of-work';
export { AuthDirectory } from './tenancy/auth-directory';
export { RaterDirectory } from './tenancy/rater-directory';
export type { ResolvedRaterLink, ResolvedRaterSession } from './tenancy/rater-directory';
export type {
  AcceptedMembership,
  ApiKeyIdentity,
  LoginCandidate,
  PendingInvitation,
  SignedUpIds,
} from './tenancy/auth-directory';
export { isDatabaseUnavailable, isUniqueViolation } from './tenancy/postgres-errors';
export { surviveDatabaseRestarts } from './data-source/survive-restarts';
export { ensureDatabase, dropDatabase } from './bootstrap/database-lifecycle';
export { ensureAppRole, UnsafeAppRoleError } from './bootstrap/app-role';
export { runMigrations } from './bootstrap/run-migrations';
export { checkOwner, OwnerRoleError } from './bootstrap/check-owner';
export { setupDatabase } from './bootstrap/setup-database';
export type { SetupReport } from './bootstrap/setup-database';
export * from './admin';
