// @loris/db/admin: what operator tools need from the database, without TypeORM's entities (the CLI runs
// its sources through sucrase, which does not compile decorators, and need not load an ORM to run SQL).
export {
  InvalidQuotaError,
  QUOTA_KINDS,
  readTenantQuotas,
  setTenantQuotas,
  TenantNotFoundError,
  type OwnerConnection,
  type QuotaChanges,
  type QuotaKind,
  type StoredLimits,
} from './tenant-quotas';
export { withClient as withOwnerClient } from '../bootstrap/admin-client';
export { databaseConfigFromEnv, redactUrl } from '../config/database-config';
