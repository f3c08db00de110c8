import { DataTable } from '@/components/data-table';
import type { AuditEventsQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { auditActionLabel, auditDetailPairs } from '../lib/audit-details';

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const actorKindLabels: Record<AuditEvent['actor']['kind'], string> = {
  MEMBER: 'Member',
  API_KEY: 'API key',
  SYSTEM: 'System',
};

export function AuditEventTable({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) return <p className="muted">No events match.</p>;
  return (
    <DataTable label="Audit events" columns={['When', 'Actor', 'Action', 'Object', 'Details', 'Request']}>
      {events.map((event) => (
        <tr key={event.id}>
          <td className="nowrap">{formatDate(event.occurredAt)}</td>
          <td>
            <span className="muted">{actorKindLabels[event.actor.kind]}</span>{' '}
            {event.actor.label ?? event.actor.id ?? ''}
          </td>
          <td>
            <code title={auditActionLabel(event.action)}>{event.action}</code>
          </td>
          <td>
            {event.objectType} {event.objectId ? <code className="muted">{event.objectId}</code> : null}
          </td>
          <td>{auditDetailPairs(event.details).join(', ')}</td>
          <td>{event.requestId ? <code className="muted">{event.requestId}</code> : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
