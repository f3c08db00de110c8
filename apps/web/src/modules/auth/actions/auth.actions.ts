'use server';

import { redirect } from 'next/navigation';
import { AcceptInvitationDocument, LoginDocument, SignUpDocument } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { secretField, textField } from '@/lib/forms/form-fields';
import { endSession, forwardedFor, startSession } from '@/lib/session/session';

async function signIn(state: FormState<{ token: string; expiresAt: string }>): Promise<FormState<never>> {
  if (state.status !== 'done') return state;
  await startSession(state.result);
  redirect('/dashboard');
}

export async function signUpAction(_previous: FormState<never>, form: FormData): Promise<FormState<never>> {
  const input = {
    email: textField(form, 'email'),
    password: secretField(form, 'password'),
    tenantName: textField(form, 'tenantName'),
  };
  const values = { email: input.email, tenantName: input.tenantName };
  const anonymous = { forwardedFor: await forwardedFor() };
  return signIn(
    await attempt(async () => (await requestGraphql(SignUpDocument, { input }, anonymous)).signUp, {
      signedIn: false,
      values,
    }),
  );
}

export async function logInAction(_previous: FormState<never>, form: FormData): Promise<FormState<never>> {
  const input = { email: textField(form, 'email'), password: secretField(form, 'password') };
  const anonymous = { forwardedFor: await forwardedFor() };
  return signIn(
    await attempt(async () => (await requestGraphql(LoginDocument, { input }, anonymous)).login, {
      signedIn: false,
      values: { email: input.email },
    }),
  );
}

export async function acceptInvitationAction(
  _previous: FormState<never>,
  form: FormData,
): Promise<FormState<never>> {
  const input = { token: secretField(form, 'token'), password: secretField(form, 'password') };
  if (!input.token) return failed('This invitation link is incomplete. Open the full link you were sent.');
  if (input.password !== secretField(form, 'passwordConfirmation')) {
    return failed('The two passwords are not the same.');
  }
  const anonymous = { forwardedFor: await forwardedFor() };
  return signIn(
    await attempt(
      async () => (await requestGraphql(AcceptInvitationDocument, { input }, anonymous)).acceptInvitation,
      { signedIn: false },
    ),
  );
}

export async function logOutAction(): Promise<void> {
  await endSession();
  redirect('/login');
}
