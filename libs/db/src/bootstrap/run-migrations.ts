import { createDataSource } from '../data-source/create-data-source';

/** Applies pending migrations as the owner, each in its own transaction. Returns their names. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'loris-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
