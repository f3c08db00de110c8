'use client';

import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { RoleSelect } from '@/components/role-select';
import { SecretReveal } from '@/components/secret-reveal';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { formatDate } from '@/lib/format/format-date';
import { inviteMemberAction } from '../actions/members.actions';

export function InviteMemberForm() {
  const { action, error, values, result } = useFormAction(inviteMemberAction);
  return (
    <form action={action} className="stack" aria-label="Invite a member">
      <h2>Invite a member</h2>
      <FormError message={error} />
      {result ? (
        <SecretReveal label="Invitation link" value={result.link}>
          Send this link to {result.email}; it works until {formatDate(result.expiresAt)}. Whoever opens it
          can join, so share it privately.
        </SecretReveal>
      ) : null}
      <Field label="Email" name="email" type="email" required defaultValue={values?.email} />
      <RoleSelect defaultValue={values?.role} />
      <SubmitButton pendingLabel="Inviting…">Create invitation link</SubmitButton>
    </form>
  );
}
