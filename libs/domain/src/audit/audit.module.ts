import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { RecordAuditEventHandler } from './record-audit-event.handler';

/** The audit log: events are queued by every domain and written by the worker. */
@Module({
  providers: [AuditService, RecordAuditEventHandler],
  exports: [AuditService, RecordAuditEventHandler],
})
export class AuditModule {}
