import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuditService } from './audit.service';
import { RecordAuditEventHandler } from './record-audit-event.handler';

/** The audit log: events are queued by every domain, written by the worker, and read by owners. */
@Module({
  providers: [AuditService, RecordAuditEventHandler, AuditLogService],
  exports: [AuditService, RecordAuditEventHandler, AuditLogService],
})
export class AuditModule {}
