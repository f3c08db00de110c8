import { Injectable } from '@nestjs/common';
import { TenantUnitOfWork } from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { auditEventFromRow, AuditEventFilter, AuditEventRow, AuditEventView } from './audit-event.view';

// One constant text (it is prepared): a filter left out is a NULL parameter that matches every row.
// Users and keys are joined for the actor's label; row-level security already keeps both to the tenant.
const PAGE_SQL = `
  SELECT e.id, e.action, e.actor_user_id, u.email AS actor_email, e.actor_api_key_id,
         k.name AS actor_key_name, e.object_type, e.object_id, e.request_id, e.details, e.created_at
  FROM audit_events e
  LEFT JOIN users u ON u.id = e.actor_user_id
  LEFT JOIN api_keys k ON k.id = e.actor_api_key_id
  WHERE ($2::text IS NULL OR e.actor_user_id::text = $2 OR e.actor_api_key_id::text = $2
         OR lower(u.email) = lower($2) OR k.name = $2)
    AND ($3::text IS NULL OR e.action = $3)
    AND ($4::text IS NULL OR e.object_type = $4)
    AND ($5::timestamptz IS NULL OR e.created_at >= $5)
    AND ($6::timestamptz IS NULL OR e.created_at < $6)
    AND ($7::timestamptz IS NULL OR (e.created_at, e.id) < ($7, $8::uuid))
  ORDER BY e.created_at DESC, e.id DESC
  LIMIT $1`;

/** The read side of the audit log: the tenant's events for its owners, newest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  /** Keyset pagination on (occurredAt, id), newest first; the filters combine with AND. */
  async list(
    caller: TenantContext,
    filter: AuditEventFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<AuditEventView>> {
    const cursor = cursorAfter(after);
    const rows = await this.uow.read(caller.tenantId, (query) =>
      query<AuditEventRow>(PAGE_SQL, [
        first + 1,
        blankToNull(filter.actor),
        blankToNull(filter.action),
        blankToNull(filter.objectType),
        filter.from ?? null,
        filter.to ?? null,
        cursor?.createdAt ?? null,
        cursor?.id ?? null,
      ]),
    );
    return pageOf(rows, first, (row) => ({ createdAt: row.created_at, id: row.id }), auditEventFromRow);
  }
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
