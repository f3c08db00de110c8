'use client';

import { roleLabels } from '@/components/role-select';
import { Role } from '@/graphql/generated';
import { removeMemberAction, transferOwnershipAction } from '../actions/members.actions';
import { ChangeRoleForm } from './change-role-form';
import { ConfirmedAction } from './confirmed-action';
import styles from './member-actions.module.css';

// What an owner can do to another member: change the role, hand over ownership, remove.
export function MemberRowActions({ memberId, email, role }: { memberId: string; email: string; role: Role }) {
  return (
    <div className={styles.actions}>
      <ChangeRoleForm memberId={memberId} email={email} role={role} />
      {role !== Role.Owner ? (
        <ConfirmedAction
          action={transferOwnershipAction}
          fields={{ memberId }}
          label="Transfer ownership"
          accessibleName={`Transfer ownership to ${email}`}
          question={`Make ${email} an owner? You become an ${roleLabels[Role.Engineer].toLowerCase()} and no longer manage members or API keys.`}
          confirmLabel="Yes, transfer"
          pendingLabel="Transferring…"
        />
      ) : null}
      <ConfirmedAction
        action={removeMemberAction}
        fields={{ memberId }}
        label="Remove"
        accessibleName={`Remove ${email}`}
        question={`Remove ${email}? Their sessions stop working at once.`}
        confirmLabel="Yes, remove"
        pendingLabel="Removing…"
        danger
      />
    </div>
  );
}
