'use client';

import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { requestSoundtrackAgainAction } from '../actions/soundtracks.actions';

// "Generate again": a new job from the same input and settings with a new seed (the API keeps the input, so
// nothing is uploaded again); it opens the new job's page. `nonce` was drawn when the page was rendered, so
// a double click queues one job.
export function GenerateAgainButton({ id, nonce }: { id: string; nonce: string }) {
  const { action, error } = useFormAction(requestSoundtrackAgainAction);
  return (
    <form action={action} className="stack" aria-label="Generate again">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="nonce" value={nonce} />
      <p className="field-hint">The same input and settings, with a new seed.</p>
      <SubmitButton pendingLabel="Queuing…">Generate again</SubmitButton>
      <FormError message={error} />
    </form>
  );
}
