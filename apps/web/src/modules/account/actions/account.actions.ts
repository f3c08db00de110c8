'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ChangePasswordDocument, RevokeSessionDocument } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { secretField, textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { endSession, requireCredentials } from '@/lib/session/session';

export type PasswordChanged = { sessionsRevoked: number };

// The API checks the current password and the new one's length; this only catches a mistyped repeat.
export async function changePasswordAction(
  _previous: FormState<PasswordChanged>,
  form: FormData,
): Promise<FormState<PasswordChanged>> {
  const credentials = await requireCredentials();
  const input = {
    currentPassword: secretField(form, 'currentPassword'),
    newPassword: secretField(form, 'newPassword'),
  };
  if (input.newPassword !== secretField(form, 'newPasswordConfirmation')) {
    return failed('The two new passwords are not the same.');
  }
  const state = await attempt(
    async () => (await requestGraphql(ChangePasswordDocument, { input }, credentials)).changePassword,
    { signedIn: true },
  );
  if (state.status === 'done') revalidatePath('/account');
  return state;
}

// Revoking the session this browser uses is logging out: the cookie goes too.
export async function revokeSessionAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => (await requestGraphql(RevokeSessionDocument, { id }, credentials)).revokeSession,
    { signedIn: true },
  );
  if (state.status !== 'done') return state;
  if (state.result.current) {
    await endSession();
    redirect('/login');
  }
  revalidatePath('/account');
  return { status: 'done', result: null };
}
