import { DataTable } from '@/components/data-table';
import { roleLabels } from '@/components/role-select';
import type { MembersQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { MemberRowActions } from './member-row-actions';

type Member = MembersQuery['members']['edges'][number]['node'];

// Every member sees who is in the workspace; an owner (`manage`) also gets each other member's actions.
// The caller's own row has none: they leave, or hand over ownership, from their own section.
export function MemberTable({
  members,
  manage,
  selfUserId,
}: {
  members: Member[];
  manage: boolean;
  selfUserId: string | null;
}) {
  return (
    <DataTable label="Members" columns={['Email', 'Role', 'Member since', ...(manage ? [''] : [])]}>
      {members.map((member) => (
        <tr key={member.id}>
          <td>
            {member.user.email}
            {member.user.id === selfUserId ? <span className="muted"> (you)</span> : null}
          </td>
          <td>{roleLabels[member.role]}</td>
          <td className="nowrap">{formatDate(member.joinedAt)}</td>
          {manage ? (
            <td>
              {member.user.id === selfUserId ? null : (
                <MemberRowActions memberId={member.id} email={member.user.email} role={member.role} />
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
