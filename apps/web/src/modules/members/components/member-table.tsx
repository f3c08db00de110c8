import { DataTable } from '@/components/data-table';
import { roleLabels } from '@/components/role-select';
import type { MembersQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';

type Member = MembersQuery['members']['edges'][number]['node'];

export function MemberTable({ members }: { members: Member[] }) {
  return (
    <DataTable label="Members" columns={['Email', 'Role', 'Member since']}>
      {members.map((member) => (
        <tr key={member.id}>
          <td>{member.user.email}</td>
          <td>{roleLabels[member.role]}</td>
          <td className="nowrap">{formatDate(member.joinedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
