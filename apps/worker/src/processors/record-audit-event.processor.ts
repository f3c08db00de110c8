import { Injectable } from '@nestjs/common';
import { RecordAuditEventHandler } from '@loris/domain';
import { JobProcessor, RECORD_AUDIT_EVENT, RecordAuditEventJobData } from '@loris/engine';

@Injectable()
export class RecordAuditEventProcessor implements JobProcessor<RecordAuditEventJobData> {
  readonly job = RECORD_AUDIT_EVENT;

  constructor(private readonly handler: RecordAuditEventHandler) {}

  process(data: RecordAuditEventJobData): Promise<void> {
    return this.handler.handle(data);
  }
}
