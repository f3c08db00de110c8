import { DatabaseConfig } from '../config/database-config';
import { ensureAppRole } from './app-role';
import { ensureDatabase } from './database-lifecycle';
import { runMigrations } from './run-migrations';

export interface SetupReport {
  created: boolean;
  migrations: string[];
}

/** What `npm start` and `npm test` need before anything connects: database, schema, app role. */
export async function setupDatabase(config: DatabaseConfig): Promise<SetupReport> {
  const created = await ensureDatabase(config.ownerUrl);
  const migrations = await runMigrations(config.ownerUrl);
  await ensureAppRole(config.ownerUrl, config.appRole, config.appPassword);
  return { created, migrations };
}
