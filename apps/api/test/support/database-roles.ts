import { Client } from 'pg';
import { AuthDirectory, createDataSource } from '@loris/db';
import type { TestDatabase } from './test-database';

/** A database's two roles, connected, with tenants signed up: for suites that check Postgres's own rules. */
export interface DatabaseRoles {
  /** The owner: bypasses row-level security, as migrations and operators do. */
  owner: Client;
  /** The role the API and the worker connect as: row-level security applies. */
  app: Client;
  /** The signed-up tenants, in the order their names were given. */
  tenantIds: string[];
  /** Runs `sql` as the app role inside one transaction of `tenantId`, as a request or a job does. */
  asApp<T = Record<string, unknown>>(tenantId: string, sql: string, params?: unknown[]): Promise<T[]>;
  end(): Promise<void>;
}

/**
 * Signs up one tenant per name (`<name>@example.com`) through the real sign-up, then connects as the owner
 * and as the app role, with no API in between.
 */
export async function connectDatabaseRoles(db: TestDatabase, tenantNames: string[]): Promise<DatabaseRoles> {
  const source = createDataSource({ url: db.config.appUrl, poolSize: 1 });
  await source.initialize();
  const tenantIds: string[] = [];
  try {
    const directory = new AuthDirectory(source);
    for (const name of tenantNames) {
      tenantIds.push((await directory.signUp(`${name}@example.com`, 'hash', name)).tenantId);
    }
  } finally {
    await source.destroy();
  }
  const owner = new Client({ connectionString: db.config.ownerUrl });
  const app = new Client({ connectionString: db.config.appUrl });
  await owner.connect();
  await app.connect();
  return {
    owner,
    app,
    tenantIds,
    async asApp<T = Record<string, unknown>>(tenantId: string, sql: string, params: unknown[] = []) {
      await app.query('BEGIN');
      try {
        // Transaction-local, as the tenant unit of work sets it.
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const result = await app.query(sql, params);
        await app.query('COMMIT');
        return result.rows as T[];
      } catch (error) {
        await app.query('ROLLBACK');
        throw error;
      }
    },
    async end() {
      await app.end();
      await owner.end();
    },
  };
}
