'use client';

import { FormError } from '@/components/form-error';
import { useFormAction } from '@/components/use-form-action';
import { revokeApiKeyAction } from '../actions/api-keys.actions';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { action, pending, error } = useFormAction(revokeApiKeyAction);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke “${name}”? Clients using it are refused at once.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-danger" disabled={pending} aria-label={`Revoke ${name}`}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      <FormError message={error} />
    </form>
  );
}
