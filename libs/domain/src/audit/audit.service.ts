import { Injectable, Logger } from '@nestjs/common';
import { AuditDetails } from '@loris/db';
import { QueueService, RECORD_AUDIT_EVENT, TenantContext } from '@loris/engine';

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly queues: QueueService) {}

  /**
   * Hands the event to the worker. Not awaited by callers: the change it records is already committed,
   * so a Redis hiccup is logged rather than turned into a failed request.
   */
  record(caller: TenantContext, action: string, subjectId: string | null, details: AuditDetails = {}): void {
    this.queues
      .enqueue(RECORD_AUDIT_EVENT, {
        tenantId: caller.tenantId,
        action,
        actorUserId: caller.userId,
        actorApiKeyId: caller.apiKeyId,
        subjectId,
        details,
        occurredAt: new Date().toISOString(),
      })
      .catch((error: Error) => this.logger.error(`audit event ${action} not queued: ${error.message}`));
  }
}
