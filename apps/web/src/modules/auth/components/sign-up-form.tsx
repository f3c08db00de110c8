'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { signUpAction } from '../actions/auth.actions';

export function SignUpForm() {
  const { action, error, values } = useFormAction(signUpAction);
  return (
    <form action={action} className="stack">
      <FormError message={error} />
      <Field
        label="Workspace name"
        name="tenantName"
        required
        autoComplete="organization"
        defaultValue={values?.tenantName}
        hint="Your team or company; datasets and keys belong to it."
      />
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
        autoComplete="new-password"
        required
        defaultValue={values?.password}
      />
      <SubmitButton pendingLabel="Creating your workspace…">Create workspace</SubmitButton>
    </form>
  );
}
