import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../api/src/engine/config/app-config';
import { ConfigModule } from '../../api/src/engine/config/config.module';
import { DatabaseModule } from '../../api/src/engine/database/database.module';
import { QueueModule } from '../../api/src/engine/queue/queue.module';
import { AuditModule } from '../../api/src/modules/audit/audit.module';

/** The modules whose @TenantJob providers this worker processes. */
export const JOB_MODULES = [AuditModule];

/** The same engine and modules as the API, minus HTTP and GraphQL, plus the job processor. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule.forWorker(), ...JOB_MODULES],
    };
  }
}
