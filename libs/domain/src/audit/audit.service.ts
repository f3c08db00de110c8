import { Injectable, Logger } from '@nestjs/common';
import { AuditDetails } from '@loris/db';
import { currentLogContext, QueueService, RECORD_AUDIT_EVENT, TenantContext } from '@loris/engine';

/** The thing an event is about: its type (`dataset`, `api_key`, ...) and id. */
export interface AuditObject {
  type: string;
  id: string | null;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly queues: QueueService) {}

  /**
   * Hands the event to the worker. Not awaited by callers: the change it records is already committed,
   * so a Redis hiccup is logged rather than turned into a failed request. The request id is read here,
   * from the log context the API opens per request, so no service has to thread it through.
   */
  record(caller: TenantContext, action: string, object: AuditObject, details: AuditDetails = {}): void {
    this.queues
      .enqueue(RECORD_AUDIT_EVENT, {
        tenantId: caller.tenantId,
        action,
        actorUserId: caller.userId,
        actorApiKeyId: caller.apiKeyId,
        objectType: object.type,
        objectId: object.id,
        requestId: currentLogContext()?.requestId ?? null,
        details,
        occurredAt: new Date().toISOString(),
      })
      .catch((error: Error) => this.logger.error(`audit event ${action} not queued: ${error.message}`));
  }
}
