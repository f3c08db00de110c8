import { Injectable } from '@nestjs/common';
import { AuditEventEntity, TenantUnitOfWork } from '@loris/db';
import { RecordAuditEventJobData } from '@loris/engine';

/** Writes one audit event row, in the tenant's transaction (row-level security checks the tenant). */
@Injectable()
export class RecordAuditEventHandler {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async handle(data: RecordAuditEventJobData): Promise<void> {
    const occurredAt = new Date(data.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) throw new Error(`occurredAt "${data.occurredAt}" is not a date`);
    await this.uow.run(data.tenantId, (m) =>
      m.insert(AuditEventEntity, {
        tenantId: data.tenantId,
        action: data.action,
        actorUserId: data.actorUserId,
        actorApiKeyId: data.actorApiKeyId,
        objectType: data.objectType,
        objectId: data.objectId,
        requestId: data.requestId,
        details: data.details,
        createdAt: occurredAt,
      }),
    );
  }
}
