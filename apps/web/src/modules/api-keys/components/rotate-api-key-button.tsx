'use client';

import { FormError } from '@/components/form-error';
import { SecretReveal } from '@/components/secret-reveal';
import { useFormAction } from '@/components/use-form-action';
import { rotateApiKeyAction } from '../actions/api-keys.actions';

// Rotation replaces the secret at once, so it asks first; the new secret is shown here, this once.
export function RotateApiKeyButton({ id, name }: { id: string; name: string }) {
  const { action, pending, error, result } = useFormAction(rotateApiKeyAction);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (
          !window.confirm(
            `Rotate “${name}”? It gets a new secret, and clients still sending the old one are refused at once.`,
          )
        )
          event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-secondary" disabled={pending} aria-label={`Rotate ${name}`}>
        {pending ? 'Rotating…' : 'Rotate'}
      </button>
      <FormError message={error} />
      {result ? (
        <SecretReveal label={`New secret of ${result.name}`} value={result.secret}>
          This is the only time the new secret of “{result.name}” is shown. Store it now; the old secret no
          longer works.
        </SecretReveal>
      ) : null}
    </form>
  );
}
