import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { prepared } from './prepared-statement';

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

/** Parameterised SQL with a constant text (it is prepared), inside a tenant's transaction (read-only for read()). */
export type TenantQuery = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * Runs work for one tenant in one transaction that first sets app.tenant_id with SET LOCAL semantics
 * (set_config(..., true)), so every row-level policy sees the tenant and the setting dies with the
 * transaction: a pooled connection never carries a tenant into the next request.
 */
export class TenantUnitOfWork {
  private readonly pool: Pool;

  constructor(private readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master;
  }

  /** Reads and writes through TypeORM's EntityManager. */
  async run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    assertTenantId(tenantId);
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

  /**
   * The lean path for hot reads (`me`, lists): plain SQL on a pooled pg client, in a READ ONLY transaction
   * opened together with the tenant setting in one round trip, statements prepared once per connection.
   * Half the CPU of run() per request (tools/bench), and it cannot write.
   */
  async read<T>(tenantId: string, work: (query: TenantQuery) => Promise<T>): Promise<T> {
    return this.lean(tenantId, 'BEGIN READ ONLY', work);
  }

  /**
   * read()'s lean path for small hot writes (a rater's vote): plain prepared SQL on a pooled client in one
   * read-write transaction, without TypeORM's query runner. For a handful of statements, not for entities.
   */
  async write<T>(tenantId: string, work: (query: TenantQuery) => Promise<T>): Promise<T> {
    return this.lean(tenantId, 'BEGIN', work);
  }

  private async lean<T>(
    tenantId: string,
    begin: string,
    work: (query: TenantQuery) => Promise<T>,
  ): Promise<T> {
    assertTenantId(tenantId);
    const client: PoolClient = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Inlined, not a parameter: a multi-statement query cannot take parameters, and the id has just
      // been checked to be a UUID (hex digits and dashes only).
      await client.query(`${begin}; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
      const query: TenantQuery = async (sql, params) => (await client.query(prepared(sql, params))).rows;
      const result = await work(query);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection whose rollback failed is discarded rather than handed to the next tenant.
      client.release(broken);
    }
  }
}

function assertTenantId(tenantId: string): void {
  if (!isUuid(tenantId)) throw new InvalidTenantIdError(tenantId);
}
