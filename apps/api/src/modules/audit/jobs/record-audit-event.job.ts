import { EntityManager } from 'typeorm';
import { AuditDetails, AuditEventEntity } from '@loris/db';
import { QueueName } from '../../../engine/queue/queue-name.enum';
import { TenantJob, TenantJobData, TenantJobHandler } from '../../../engine/queue/tenant-job';

export interface RecordAuditEventJobData extends TenantJobData {
  action: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  subjectId: string | null;
  details: AuditDetails;
  /** When it happened (ISO 8601), not when the worker got to it. */
  occurredAt: string;
}

/** Writes one audit event row, in the tenant's transaction (row-level security checks the tenant). */
@TenantJob({ queue: QueueName.AUDIT, name: 'record-audit-event', attempts: 5 })
export class RecordAuditEventJob implements TenantJobHandler<RecordAuditEventJobData> {
  async handle(data: RecordAuditEventJobData, manager: EntityManager): Promise<void> {
    const occurredAt = new Date(data.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) throw new Error(`occurredAt "${data.occurredAt}" is not a date`);
    await manager.insert(AuditEventEntity, {
      tenantId: data.tenantId,
      action: data.action,
      actorUserId: data.actorUserId,
      actorApiKeyId: data.actorApiKeyId,
      subjectId: data.subjectId,
      details: data.details,
      createdAt: occurredAt,
    });
  }
}
