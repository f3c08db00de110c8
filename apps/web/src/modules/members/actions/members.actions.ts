'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  ChangeMemberRoleDocument,
  InviteMemberDocument,
  LeaveTenantDocument,
  RemoveMemberDocument,
  RevokeInvitationDocument,
  Role,
  TransferOwnershipDocument,
} from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { enumField, textField } from '@/lib/forms/form-fields';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { endSession, requireCredentials } from '@/lib/session/session';

export type SentInvitation = { email: string; link: string; expiresAt: string };

// The link points at this console as the inviter reached it, so it works behind a proxy as well.
async function invitationLink(token: string): Promise<string> {
  const request = await headers();
  const host = request.get('x-forwarded-host') ?? request.get('host') ?? '127.0.0.1:3000';
  const protocol = request.get('x-forwarded-proto') ?? 'http';
  return `${protocol}://${host}/accept-invitation?token=${encodeURIComponent(token)}`;
}

export async function inviteMemberAction(
  _previous: FormState<SentInvitation>,
  form: FormData,
): Promise<FormState<SentInvitation>> {
  const credentials = await requireCredentials();
  const email = textField(form, 'email');
  const role = enumField(form, 'role', Role);
  const values = { email, role: role ?? '' };
  if (!role) return failed('Choose the role of the new member.', values);
  const state = await attempt(
    async () => {
      const { inviteMember } = await requestGraphql(
        InviteMemberDocument,
        { input: { email, role } },
        credentials,
      );
      return {
        email: inviteMember.email,
        expiresAt: inviteMember.expiresAt,
        link: await invitationLink(inviteMember.token),
      };
    },
    { signedIn: true, values },
  );
  if (state.status === 'done') revalidatePath('/members');
  return state;
}

export async function changeMemberRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const memberId = textField(form, 'memberId');
  const role = enumField(form, 'role', Role);
  if (!role) return failed('Choose the new role.');
  return membersChanged(() =>
    requestGraphql(ChangeMemberRoleDocument, { input: { memberId, role } }, credentials),
  );
}

export async function removeMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const id = textField(form, 'memberId');
  return membersChanged(() => requestGraphql(RemoveMemberDocument, { id }, credentials));
}

export async function transferOwnershipAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const memberId = textField(form, 'memberId');
  return membersChanged(() => requestGraphql(TransferOwnershipDocument, { memberId }, credentials));
}

export async function revokeInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const id = textField(form, 'invitationId');
  return membersChanged(() => requestGraphql(RevokeInvitationDocument, { id }, credentials));
}

// After leaving, this session belongs to no workspace: the API refuses it from the next request on, so the
// cookie goes too and the person lands on the log-in page (to enter another workspace they belong to).
export async function leaveWorkspaceAction(_previous: FormState, _form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const state = await attempt(
    async () => {
      await requestGraphql(LeaveTenantDocument, {}, credentials);
      return null;
    },
    { signedIn: true },
  );
  if (state.status !== 'done') return state;
  await endSession();
  redirect('/login');
}

// The members page shows roles in the list and in the shell (the caller's own role may have changed).
async function membersChanged(work: () => Promise<unknown>): Promise<FormState> {
  const state = await attempt(
    async () => {
      await work();
      return null;
    },
    { signedIn: true },
  );
  if (state.status === 'done') revalidatePath('/', 'layout');
  return state;
}
