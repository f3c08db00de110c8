'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AcceptInvitationDocument, LoginDocument, LogoutDocument, SignUpDocument } from '@/graphql/generated';
import { type Credentials, requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { secretField, textField } from '@/lib/forms/form-fields';
import { endSession, forwardedFor, sessionCredentials, startSession } from '@/lib/session/session';

// Where a session starts. A new workspace has no datasets yet, so its owner starts on Generate, where the
// sample dancer makes a first soundtrack in one click. Everyone else (log-in, a joining member) starts
// where they always have, on the datasets: their workspace has its own material and habits.
const firstRunLanding = '/generate';
const returningLanding = '/dashboard';

// A visitor about to sign in, as the API should see them: their address chain and their browser, which the
// new session records (the account page lists sessions by browser).
async function visitor(): Promise<Credentials> {
  return { forwardedFor: await forwardedFor(), userAgent: (await headers()).get('user-agent') ?? undefined };
}

async function signIn(
  state: FormState<{ token: string; expiresAt: string }>,
  landing = returningLanding,
): Promise<FormState<never>> {
  if (state.status !== 'done') return state;
  await startSession(state.result);
  redirect(landing);
}

export async function signUpAction(_previous: FormState<never>, form: FormData): Promise<FormState<never>> {
  const input = {
    email: textField(form, 'email'),
    password: secretField(form, 'password'),
    tenantName: textField(form, 'tenantName'),
  };
  const values = { email: input.email, tenantName: input.tenantName };
  const anonymous = await visitor();
  return signIn(
    await attempt(async () => (await requestGraphql(SignUpDocument, { input }, anonymous)).signUp, {
      signedIn: false,
      values,
    }),
    firstRunLanding,
  );
}

export async function logInAction(_previous: FormState<never>, form: FormData): Promise<FormState<never>> {
  const input = { email: textField(form, 'email'), password: secretField(form, 'password') };
  const anonymous = await visitor();
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
  const anonymous = await visitor();
  return signIn(
    await attempt(
      async () => (await requestGraphql(AcceptInvitationDocument, { input }, anonymous)).acceptInvitation,
      { signedIn: false },
    ),
  );
}

// The API ends the session first, so the token is dead even where a copy of the cookie survives. The
// cookie goes whatever the API answered: a session it already ended, or an API that cannot be reached,
// must not keep the person signed in here.
export async function logOutAction(): Promise<void> {
  const credentials = await sessionCredentials();
  if (credentials) await requestGraphql(LogoutDocument, {}, credentials).catch(() => undefined);
  await endSession();
  redirect('/login');
}
