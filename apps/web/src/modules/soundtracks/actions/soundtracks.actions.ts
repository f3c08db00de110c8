'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  CancelSoundtrackJobDocument,
  RequestSoundtrackAgainDocument,
  RequestSoundtrackDocument,
} from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { parseSoundtrackRequest, type GenerateFormValues } from '../lib/soundtrack-request';
import { againIdempotencyKey, soundtrackIdempotencyKey } from '../server/idempotency-key';

function generateFormValues(form: FormData): GenerateFormValues {
  const field = (name: keyof GenerateFormValues) => textField(form, name);
  return {
    uploadId: field('uploadId'),
    uploadKind: field('uploadKind'),
    genre: field('genre'),
    seconds: field('seconds'),
    seed: field('seed'),
    steps: field('steps'),
    sampler: field('sampler'),
    guidance: field('guidance'),
    model: field('model'),
  };
}

// Queues the job and opens its page, where its progress shows live.
export async function requestSoundtrackAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const values = generateFormValues(form);
  const parsed = parseSoundtrackRequest(values);
  const shown = { ...values };
  if ('error' in parsed) return failed(parsed.error, shown);
  const nonce = textField(form, 'nonce');
  const input = { ...parsed.input, idempotencyKey: soundtrackIdempotencyKey(nonce, parsed.input) };
  const state = await attempt(
    async () => (await requestGraphql(RequestSoundtrackDocument, { input }, credentials)).requestSoundtrack,
    { signedIn: true, values: shown },
  );
  if (state.status !== 'done') return state;
  revalidatePath('/soundtracks');
  redirect(`/soundtracks/${state.result.id}`);
}

// "Generate again": the API copies the job's input and settings with a new seed; opens the new job's page.
export async function requestSoundtrackAgainAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const idempotencyKey = againIdempotencyKey(textField(form, 'nonce'), id);
  const state = await attempt(
    async () =>
      (await requestGraphql(RequestSoundtrackAgainDocument, { id, idempotencyKey }, credentials))
        .requestSoundtrackAgain,
    { signedIn: true },
  );
  if (state.status !== 'done') return state;
  revalidatePath('/soundtracks');
  redirect(`/soundtracks/${state.result.id}`);
}

export async function cancelSoundtrackJobAction(_previous: FormState, form: FormData): Promise<FormState> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => {
      await requestGraphql(CancelSoundtrackJobDocument, { id }, credentials);
      return null;
    },
    { signedIn: true },
  );
  if (state.status === 'done') revalidatePath('/soundtracks');
  return state;
}
