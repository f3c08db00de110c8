'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { acceptInvitationAction } from '../actions/auth.actions';

export function AcceptInvitationForm({ token }: { token: string }) {
  const { action, error, values } = useFormAction(acceptInvitationAction);
  return (
    <form action={action} className="stack">
      <FormError message={error} />
      <input type="hidden" name="token" value={token} />
      <Field
        label="Choose a password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        defaultValue={values?.password}
        hint="Already have a LORIS Studio account with this email? Enter its password."
      />
      <Field
        label="Repeat the password"
        name="passwordConfirmation"
        type="password"
        autoComplete="new-password"
        required
        defaultValue={values?.passwordConfirmation}
      />
      <SubmitButton pendingLabel="Joining…">Join the workspace</SubmitButton>
    </form>
  );
}
