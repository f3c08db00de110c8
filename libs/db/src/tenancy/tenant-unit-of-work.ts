import { DataSource, EntityManager } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidTenantIdError extends Error {
  readonly code = 'INVALID_TENANT_ID';
  constructor(tenantId: string) {
    super(`"${tenantId}" is not a tenant id (a UUID)`);
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Runs work for one tenant in one transaction that first sets app.tenant_id with SET LOCAL semantics
 * (set_config(..., true)), so every row-level policy sees the tenant and the setting dies with the
 * transaction: a pooled connection never carries a tenant into the next request.
 */
export class TenantUnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new InvalidTenantIdError(tenantId);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) {
        // The original error is the one worth reporting; a failed rollback only means the connection died.
        await runner.rollbackTransaction().catch(() => undefined);
      }
      throw error;
    } finally {
      await runner.release();
    }
  }
}
