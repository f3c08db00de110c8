import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Shows in pg_stat_activity, so a stuck connection can be traced to its process. */
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? 'loris',
    extra: { max: options.poolSize ?? 10 },
  });
}
