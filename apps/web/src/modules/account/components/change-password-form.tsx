'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { changePasswordAction } from '../actions/account.actions';
import { passwordChangedMessage } from '../lib/session-labels';

export function ChangePasswordForm() {
  const { action, error, result } = useFormAction(changePasswordAction);
  return (
    <form action={action} className="stack" aria-label="Change your password">
      <h2>Change password</h2>
      <p className="muted">Every other session of yours is signed out; this one stays signed in.</p>
      <FormError message={error} />
      {result ? (
        <p className="notice notice-success" role="status">
          {passwordChangedMessage(result.sessionsRevoked)}
        </p>
      ) : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        required
        autoComplete="current-password"
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        required
        minLength={10}
        maxLength={200}
        autoComplete="new-password"
        hint="10 to 200 characters."
      />
      <Field
        label="New password again"
        name="newPasswordConfirmation"
        type="password"
        required
        autoComplete="new-password"
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
