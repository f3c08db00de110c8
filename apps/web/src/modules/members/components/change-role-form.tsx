'use client';

import { FormError } from '@/components/form-error';
import { roleLabels } from '@/components/role-select';
import { useFormAction } from '@/components/use-form-action';
import type { Role } from '@/graphql/generated';
import { changeMemberRoleAction } from '../actions/members.actions';
import styles from './member-actions.module.css';

// A role select per member row. Giving the OWNER role needs no confirmation (it takes nothing away);
// taking it from the last owner is refused by the API with a sentence that shows here.
export function ChangeRoleForm({ memberId, email, role }: { memberId: string; email: string; role: Role }) {
  const { action, pending, error } = useFormAction(changeMemberRoleAction);
  return (
    <form action={action} className={styles.inline}>
      <input type="hidden" name="memberId" value={memberId} />
      <select name="role" defaultValue={role} key={role} aria-label={`Role of ${email}`} required>
        {(Object.keys(roleLabels) as Role[]).map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button-secondary"
        disabled={pending}
        aria-label={`Change role of ${email}`}
      >
        {pending ? 'Saving…' : 'Change role'}
      </button>
      <FormError message={error} />
    </form>
  );
}
