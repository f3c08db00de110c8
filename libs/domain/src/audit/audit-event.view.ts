import { AuditDetails } from '@loris/db';

/** Who did it: a member (session), an API key, or nobody the API knows (a change made by an operator). */
export type AuditActorKind = 'MEMBER' | 'API_KEY' | 'SYSTEM';

export interface AuditActorView {
  kind: AuditActorKind;
  /** The user's or the key's id; null for SYSTEM. */
  id: string | null;
  /** The member's email or the key's name; null once the member or key is no longer visible to the tenant. */
  label: string | null;
}

export interface AuditEventView {
  id: string;
  action: string;
  actor: AuditActorView;
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  /** The event's particulars (a flat object) as JSON text: one field however many there are. */
  details: string;
  occurredAt: Date;
}

/** The owner's filters; each one given narrows the list, none gives every event. */
export interface AuditEventFilter {
  /** A member's user id or email, or an API key's id or name. */
  actor?: string | null;
  action?: string | null;
  objectType?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

export interface AuditEventRow {
  id: string;
  action: string;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_api_key_id: string | null;
  actor_key_name: string | null;
  object_type: string;
  object_id: string | null;
  request_id: string | null;
  details: AuditDetails;
  created_at: Date;
}

export function auditEventFromRow(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    action: row.action,
    actor: actorOf(row),
    objectType: row.object_type,
    objectId: row.object_id,
    requestId: row.request_id,
    details: JSON.stringify(row.details ?? {}),
    occurredAt: row.created_at,
  };
}

function actorOf(row: AuditEventRow): AuditActorView {
  if (row.actor_api_key_id) return { kind: 'API_KEY', id: row.actor_api_key_id, label: row.actor_key_name };
  if (row.actor_user_id) return { kind: 'MEMBER', id: row.actor_user_id, label: row.actor_email };
  // An operator's change (loris admin) names the operator in its details.
  const operator = row.details?.operator;
  return { kind: 'SYSTEM', id: null, label: typeof operator === 'string' ? operator : null };
}
