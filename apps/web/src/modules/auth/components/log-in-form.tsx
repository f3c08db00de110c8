'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { logInAction } from '../actions/auth.actions';

export function LogInForm() {
  const { action, error, values } = useFormAction(logInAction);
  return (
    <form action={action} className="stack">
      <FormError message={error} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        defaultValue={values?.password}
      />
      <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
    </form>
  );
}
