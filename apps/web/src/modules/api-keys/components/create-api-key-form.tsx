'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { RoleSelect } from '@/components/role-select';
import { SecretReveal } from '@/components/secret-reveal';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { defaultApiKeyRole } from '@/lib/roles/role-descriptions';
import { createApiKeyAction } from '../actions/api-keys.actions';

export function CreateApiKeyForm() {
  const { action, error, values, result } = useFormAction(createApiKeyAction);
  return (
    <form action={action} className="stack" aria-label="Create an API key">
      <h2>New API key</h2>
      <FormError message={error} />
      {result ? (
        <SecretReveal label="New API key secret" value={result.secret}>
          This is the only time the secret of “{result.name}” is shown. Store it now; send it as the{' '}
          <code>X-API-Key</code> header.
        </SecretReveal>
      ) : null}
      <Field label="Name" name="name" required defaultValue={values?.name} hint="Where the key is used." />
      <RoleSelect defaultValue={values?.role} fallback={defaultApiKeyRole} label="Acts as role" />
      <Field
        label="Expires on (optional)"
        name="expiresOn"
        type="date"
        defaultValue={values?.expiresOn}
        hint="The key stops working at 00:00 UTC that day. Leave empty for a key that does not expire."
      />
      <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
    </form>
  );
}
