import { databaseName, withDatabase } from '../config/database-config';
import { quoteIdent, withClient } from './admin-client';

/** The server's maintenance database, for CREATE/DROP DATABASE and cluster-wide roles. */
export function maintenanceUrl(url: string): string {
  return withDatabase(url, 'postgres');
}

/** Creates the database `ownerUrl` names when it does not exist. Returns true when it created it. */
export async function ensureDatabase(ownerUrl: string): Promise<boolean> {
  const name = databaseName(ownerUrl);
  return withClient(maintenanceUrl(ownerUrl), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      // Another process created it between the check and the CREATE: the outcome we wanted.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  });
}

/** Drops the database `ownerUrl` names, closing whatever connections are still open on it. */
export async function dropDatabase(ownerUrl: string): Promise<void> {
  const name = databaseName(ownerUrl);
  await withClient(maintenanceUrl(ownerUrl), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}
