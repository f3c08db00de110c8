import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ServingModelModule } from '../serving-model/serving-model.module';
import { DatasetsService } from './datasets.service';

@Module({
  imports: [AuditModule, ServingModelModule],
  providers: [DatasetsService],
  exports: [DatasetsService],
})
export class DatasetsModule {}
