import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatasetsService } from './datasets.service';

@Module({ imports: [AuditModule], providers: [DatasetsService], exports: [DatasetsService] })
export class DatasetsModule {}
