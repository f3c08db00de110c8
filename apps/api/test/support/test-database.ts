import { DatabaseConfig, databaseConfigFromEnv, dropDatabase, setupDatabase, withDatabase } from '@loris/db';

export interface TestDatabase {
  name: string;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test run (`loris_test_<pid>_<ms>` on the server of DATABASE_URL), migrated,
 * with the app role granted on it. Call drop() when done; it closes leftover connections.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const base = databaseConfigFromEnv();
  const name = `loris_${label}_${process.pid}_${Date.now()}`;
  const config: DatabaseConfig = {
    ...base,
    ownerUrl: withDatabase(base.ownerUrl, name),
    appUrl: withDatabase(base.appUrl, name),
  };
  await setupDatabase(config);
  return { name, config, drop: () => dropDatabase(config.ownerUrl) };
}
