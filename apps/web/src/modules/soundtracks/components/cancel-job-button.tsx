'use client';

import { FormError } from '@/components/form-error';
import { useFormAction } from '@/components/use-form-action';
import { cancelSoundtrackJobAction } from '../actions/soundtracks.actions';

export function CancelJobButton({ id, label }: { id: string; label: string }) {
  const { action, pending, error } = useFormAction(cancelSoundtrackJobAction);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-danger" disabled={pending} aria-label={label}>
        {pending ? 'Cancelling…' : 'Cancel'}
      </button>
      <FormError message={error} />
    </form>
  );
}
