import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Keeps a Postgres restart from killing the process. pg's pool listens for errors on idle connections
 * only; one checked out (a transaction in flight, a health probe) that loses its server emits 'error' with
 * no listener, and Node turns that into an uncaught exception. Its queries are rejected anyway, so the
 * listener only has to exist: it logs, and the pool drops the dead connection when it is released.
 */
export function surviveDatabaseRestarts(dataSource: DataSource, log: (message: string) => void): void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const guarded = new WeakSet<PoolClient>();
  // 'acquire' fires for every checkout, including the connection TypeORM opened before this was attached.
  pool.on('acquire', (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error) => log(`a database connection failed: ${error.message}`));
  });
}
