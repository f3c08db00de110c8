import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatasetsResolver } from './datasets.resolver';
import { DatasetsService } from './datasets.service';

@Module({ imports: [AuditModule], providers: [DatasetsResolver, DatasetsService] })
export class DatasetsModule {}
