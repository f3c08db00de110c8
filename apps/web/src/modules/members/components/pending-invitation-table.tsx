import { DataTable } from '@/components/data-table';
import { roleLabels } from '@/components/role-select';
import type { PendingInvitationsQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { revokeInvitationAction } from '../actions/members.actions';
import { ConfirmedAction } from './confirmed-action';

type Invitation = PendingInvitationsQuery['invitations']['edges'][number]['node'];

export function PendingInvitationTable({ invitations }: { invitations: Invitation[] }) {
  if (invitations.length === 0) return <p className="muted">No pending invitations.</p>;
  return (
    <DataTable label="Pending invitations" columns={['Email', 'Role', 'Invited', 'Expires', '']}>
      {invitations.map((invitation) => (
        <tr key={invitation.id}>
          <td>{invitation.email}</td>
          <td>{roleLabels[invitation.role]}</td>
          <td className="nowrap">{formatDate(invitation.invitedAt)}</td>
          <td className="nowrap">{formatDate(invitation.expiresAt)}</td>
          <td>
            <ConfirmedAction
              action={revokeInvitationAction}
              fields={{ invitationId: invitation.id }}
              label="Revoke"
              accessibleName={`Revoke the invitation of ${invitation.email}`}
              question="Revoke it? Its link stops working at once."
              confirmLabel="Yes, revoke"
              pendingLabel="Revoking…"
              danger
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
