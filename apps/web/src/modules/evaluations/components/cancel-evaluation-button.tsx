'use client';

import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { cancelEvaluationAction } from '../actions/evaluations.actions';

export function CancelEvaluationButton({ id }: { id: string }) {
  const { action, error } = useFormAction(cancelEvaluationAction);
  return (
    <form action={action}>
      <FormError message={error} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel="Cancelling…">Cancel this evaluation</SubmitButton>
    </form>
  );
}
