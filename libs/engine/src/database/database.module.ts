import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthDirectory, createDataSource, surviveDatabaseRestarts, TenantUnitOfWork } from '@loris/db';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Closes the pool last, after the queues have stopped taking jobs (they close in beforeApplicationShutdown). */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The app role's connection pool, the tenant unit of work over it, and the cross-tenant auth lookups. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dataSource = createDataSource({
          url: config.database.appUrl,
          poolSize: config.database.poolSize,
          applicationName: `loris-${process.title === 'node' ? 'app' : process.title}`,
        });
        await dataSource.initialize();
        const logger = new Logger('Database');
        surviveDatabaseRestarts(dataSource, (message) => logger.warn(message));
        return dataSource;
      },
    },
    {
      provide: TenantUnitOfWork,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new TenantUnitOfWork(ds),
    },
    { provide: AuthDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new AuthDirectory(ds) },
    DataSourceCloser,
  ],
  exports: [DataSource, TenantUnitOfWork, AuthDirectory],
})
export class DatabaseModule {}
