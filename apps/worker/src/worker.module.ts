import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../api/src/engine/config/app-config';
import { ConfigModule } from '../../api/src/engine/config/config.module';
import { DatabaseModule } from '../../api/src/engine/database/database.module';
import { QueueModule } from '../../api/src/engine/queue/queue.module';
import { RedisModule } from '../../api/src/engine/redis/redis.module';
import { StorageModule } from '../../api/src/engine/storage/storage.module';
import { AuditModule } from '../../api/src/modules/audit/audit.module';
import { SoundtrackWorkerModule } from '../../api/src/modules/soundtracks/soundtrack-worker.module';

/** The modules whose @TenantJob providers this worker processes. */
export const JOB_MODULES = [AuditModule, SoundtrackWorkerModule];

/** The same engine and modules as the API, minus HTTP and GraphQL, plus the job processor. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        StorageModule,
        QueueModule.forWorker(),
        ...JOB_MODULES,
      ],
    };
  }
}
