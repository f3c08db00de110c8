'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  CancelTrainingRunDocument,
  StartTrainingRunDocument,
  TrainingBackend,
  TrainingConfig,
  TrainingRunDocument,
  type TrainingRunQuery,
} from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { parseRunRequest } from '../lib/run-request';

// Starts a run and opens its page; a refusal (an unfrozen version, a bad override, ...) shows in the API's words.
export async function startTrainingRunAction(
  _previous: FormState<null>,
  form: FormData,
): Promise<FormState<null>> {
  const credentials = await requireCredentials();
  const values = {
    datasetVersionId: textField(form, 'datasetVersionId'),
    config: textField(form, 'config'),
    backend: textField(form, 'backend'),
    steps: textField(form, 'steps'),
    modelName: textField(form, 'modelName'),
    overrides: textField(form, 'overrides'),
  };
  const parsed = parseRunRequest(values);
  if ('error' in parsed) return failed(parsed.error, values);
  const state = await attempt(
    async () =>
      (
        await requestGraphql(
          StartTrainingRunDocument,
          {
            input: {
              ...parsed,
              config: parsed.config as TrainingConfig,
              backend: parsed.backend as TrainingBackend,
            },
          },
          credentials,
        )
      ).startTrainingRun,
    { signedIn: true, values },
  );
  if (state.status !== 'done') return state;
  revalidatePath('/training');
  redirect(`/training/${state.result.id}`);
}

export async function cancelTrainingRunAction(id: string): Promise<{ error?: string }> {
  const credentials = await requireCredentials();
  const state = await attempt(
    async () => (await requestGraphql(CancelTrainingRunDocument, { id }, credentials)).cancelTrainingRun,
    {
      signedIn: true,
    },
  );
  return state.status === 'error' ? { error: state.error } : {};
}

/** The run page's poll: the run as it is now and its points after `afterStep`. */
export async function pollTrainingRunAction(
  id: string,
  afterStep: number,
): Promise<{ run?: TrainingRunQuery['trainingRun']; error?: string }> {
  const credentials = await requireCredentials();
  const state = await attempt(
    async () => (await requestGraphql(TrainingRunDocument, { id, afterStep }, credentials)).trainingRun,
    {
      signedIn: true,
    },
  );
  return state.status === 'done'
    ? { run: state.result }
    : { error: state.status === 'error' ? state.error : undefined };
}
