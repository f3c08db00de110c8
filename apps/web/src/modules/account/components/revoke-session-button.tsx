'use client';

import { FormError } from '@/components/form-error';
import { useFormAction } from '@/components/use-form-action';
import { revokeSessionAction } from '../actions/account.actions';

export function RevokeSessionButton({ id, current, label }: { id: string; current: boolean; label: string }) {
  const { action, pending, error } = useFormAction(revokeSessionAction);
  const question = current
    ? 'Sign out this session? You will need to log in again here.'
    : `Sign out “${label}”? Its next request is refused.`;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-danger" disabled={pending} aria-label={`Sign out ${label}`}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      <FormError message={error} />
    </form>
  );
}
