'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { CancelEvaluationDocument, StartEvaluationDocument } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { parseEvaluationForm } from '../lib/evaluation-form';

// Starts an evaluation and opens its page, where its progress is followed live.
export async function startEvaluationAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const values = {
    modelVersionIds: form.getAll('modelVersionIds').map(String),
    datasetVersionId: textField(form, 'datasetVersionId'),
    split: textField(form, 'split'),
    sampler: textField(form, 'sampler'),
    steps: textField(form, 'steps'),
    guidance: textField(form, 'guidance'),
    seeds: textField(form, 'seeds'),
  };
  const shown = { ...values, modelVersionIds: values.modelVersionIds.join(',') };
  const parsed = parseEvaluationForm(values);
  if ('error' in parsed) return failed(parsed.error, shown);
  const state = await attempt(
    async () =>
      (await requestGraphql(StartEvaluationDocument, { input: parsed }, credentials)).startEvaluation,
    { signedIn: true, values: shown },
  );
  if (state.status === 'done') {
    revalidatePath('/evaluations');
    redirect(`/evaluations/${state.result.id}`);
  }
  return state;
}

export async function cancelEvaluationAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => (await requestGraphql(CancelEvaluationDocument, { id }, credentials)).cancelEvaluation,
    { signedIn: true },
  );
  if (state.status === 'done') revalidatePath(`/evaluations/${id}`);
  return state;
}
