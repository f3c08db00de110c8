'use server';

import { revalidatePath } from 'next/cache';
import {
  AddVideosToDatasetDocument,
  FreezeDatasetVersionDocument,
  ReviewSegmentsDocument,
  type ReviewSegmentFragment,
  type ReviewSegmentsInput,
} from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { freezeInput, type FreezeFields } from '../lib/freeze-input';

/** One upload added to the dataset: its new video's id, or why not in words. */
export type AddedUpload = { videoId: string } | { error: string };

// Adds one uploaded file to the dataset (the page calls this per file, as each upload ends, so one
// refused file never holds back the others). The API answers per upload; its words are kept.
export async function addUploadToDatasetAction(datasetId: string, uploadId: string): Promise<AddedUpload> {
  const credentials = await requireCredentials();
  const state = await attempt(
    async () =>
      (await requestGraphql(AddVideosToDatasetDocument, { datasetId, uploadIds: [uploadId] }, credentials))
        .addVideosToDataset,
    { signedIn: true },
  );
  if (state.status === 'error') return { error: state.error };
  if (state.status !== 'done') return { error: 'The video was not added. Try again.' };
  const [added] = state.result;
  if (added?.video) {
    revalidatePath(`/datasets/${datasetId}`);
    return { videoId: added.video.id };
  }
  return { error: added?.error?.message ?? 'The video was not added. Try again.' };
}

/** Per segment: as decided, or why not. */
export type ReviewOutcome = { id: string; segment: ReviewSegmentFragment | null; error: string | null };

// Accepts or rejects segments, each on its own: a segment in a frozen version is refused, the rest decided.
export async function reviewSegmentsAction(
  input: ReviewSegmentsInput,
): Promise<{ outcomes: ReviewOutcome[] } | { error: string }> {
  const credentials = await requireCredentials();
  const state = await attempt(
    async () => (await requestGraphql(ReviewSegmentsDocument, { input }, credentials)).reviewSegments,
    { signedIn: true },
  );
  if (state.status === 'error') return { error: state.error };
  if (state.status !== 'done') return { error: 'The decision was not saved. Try again.' };
  // No revalidatePath: the page takes the decided segments from this answer, and a server render of the
  // review page now would only repeat them.
  return {
    outcomes: state.result.map((item) => ({
      id: item.id,
      segment: item.segment,
      error: item.error?.message ?? null,
    })),
  };
}

export type FrozenVersion = { id: string; number: number };

// Freezes the dataset's accepted segments into its next version; the dataset page then lists it with its
// statistics.
export async function freezeVersionAction(
  datasetId: string,
  _previous: FormState<FrozenVersion>,
  form: FormData,
): Promise<FormState<FrozenVersion>> {
  const credentials = await requireCredentials();
  const fields: FreezeFields = {
    splitSeed: textField(form, 'splitSeed'),
    splitBy: textField(form, 'splitBy'),
    train: textField(form, 'train'),
    valid: textField(form, 'valid'),
    test: textField(form, 'test'),
  };
  const values = { ...fields };
  const input = freezeInput(fields);
  if ('problem' in input) return failed(input.problem, values);
  const state = await attempt(
    async () =>
      (await requestGraphql(FreezeDatasetVersionDocument, { datasetId, input }, credentials))
        .freezeDatasetVersion,
    { signedIn: true, values },
  );
  if (state.status === 'done') revalidatePath(`/datasets/${datasetId}`);
  return state;
}
