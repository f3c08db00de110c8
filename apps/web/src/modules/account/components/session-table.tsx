import { DataTable } from '@/components/data-table';
import type { MySessionsQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { describeUserAgent } from '../lib/session-labels';
import { RevokeSessionButton } from './revoke-session-button';

type Session = MySessionsQuery['mySessions'][number];

export function SessionTable({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) return <p className="muted">No active sessions.</p>;
  return (
    <DataTable label="Active sessions" columns={['Browser', 'Address', 'Signed in', 'Last seen', '']}>
      {sessions.map((session) => {
        const label = describeUserAgent(session.userAgent ?? null);
        return (
          <tr key={session.id}>
            <td title={session.userAgent ?? undefined}>
              {label}
              {session.current ? <strong> · this session</strong> : null}
            </td>
            <td className="nowrap">{session.ip ?? 'Unknown'}</td>
            <td className="nowrap">{formatDate(session.createdAt)}</td>
            <td className="nowrap">{formatDate(session.lastSeenAt)}</td>
            <td>
              <RevokeSessionButton id={session.id} current={session.current} label={label} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
