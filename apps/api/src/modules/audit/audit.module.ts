import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { RecordAuditEventJob } from './jobs/record-audit-event.job';

@Module({ providers: [AuditService, RecordAuditEventJob], exports: [AuditService] })
export class AuditModule {}
