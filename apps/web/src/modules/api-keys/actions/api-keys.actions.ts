'use server';

import { revalidatePath } from 'next/cache';
import { CreateApiKeyDocument, RevokeApiKeyDocument, Role, RotateApiKeyDocument } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { enumField, textField } from '@/lib/forms/form-fields';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { keyExpiryFromDay } from '../lib/key-expiry';

export type CreatedKey = { name: string; secret: string };

export async function createApiKeyAction(
  _previous: FormState<CreatedKey>,
  form: FormData,
): Promise<FormState<CreatedKey>> {
  const credentials = await requireCredentials();
  const name = textField(form, 'name');
  const role = enumField(form, 'role', Role);
  const expiresOn = textField(form, 'expiresOn');
  const values = { name, role: role ?? '', expiresOn };
  if (!role) return failed('Choose the role the key acts with.', values);
  const expiry = keyExpiryFromDay(expiresOn);
  if ('error' in expiry) return failed(expiry.error, values);
  const state = await attempt(
    async () => {
      const { createApiKey } = await requestGraphql(
        CreateApiKeyDocument,
        { input: { name, role, expiresAt: expiry.expiresAt } },
        credentials,
      );
      return { name: createApiKey.apiKey.name, secret: createApiKey.secret };
    },
    { signedIn: true, values },
  );
  if (state.status === 'done') revalidatePath('/api-keys');
  return state;
}

// The new secret comes back once, like a new key's: only its hash is kept.
export async function rotateApiKeyAction(
  _previous: FormState<CreatedKey>,
  form: FormData,
): Promise<FormState<CreatedKey>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => {
      const { rotateApiKey } = await requestGraphql(RotateApiKeyDocument, { id }, credentials);
      return { name: rotateApiKey.apiKey.name, secret: rotateApiKey.secret };
    },
    { signedIn: true },
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
