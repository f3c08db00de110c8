'use server';

import { revalidatePath } from 'next/cache';
import { CreateApiKeyDocument, RevokeApiKeyDocument, Role } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { enumField, textField } from '@/lib/forms/form-fields';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';

export type CreatedKey = { name: string; secret: string };

export async function createApiKeyAction(
  _previous: FormState<CreatedKey>,
  form: FormData,
): Promise<FormState<CreatedKey>> {
  const credentials = await requireCredentials();
  const name = textField(form, 'name');
  const role = enumField(form, 'role', Role);
  const values = { name, role: role ?? '' };
  if (!role) return failed('Choose the role the key acts with.', values);
  const state = await attempt(
    async () => {
      const { createApiKey } = await requestGraphql(
        CreateApiKeyDocument,
        { input: { name, role } },
        credentials,
      );
      return { name: createApiKey.apiKey.name, secret: createApiKey.secret };
    },
    { signedIn: true, values },
  );
  if (state.status === 'done') revalidatePath('/api-keys');
  return state;
}

export async function revokeApiKeyAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => {
      await requestGraphql(RevokeApiKeyDocument, { id }, credentials);
      return null;
    },
    { signedIn: true },
  );
  if (state.status === 'done') revalidatePath('/api-keys');
  return state;
}
