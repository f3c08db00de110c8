'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { InviteMemberDocument, Role } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { enumField, textField } from '@/lib/forms/form-fields';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';

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
