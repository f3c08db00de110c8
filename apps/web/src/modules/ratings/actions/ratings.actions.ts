'use server';

import { revalidatePath } from 'next/cache';
import {
  BanRaterDocument,
  CloseRatingCampaignDocument,
  CreateRatingCampaignDocument,
  CreateRatingLinkDocument,
  OverrideRaterSessionDocument,
  PrepareRatingCampaignDocument,
  RatingItemSegmentsDocument,
  VerifyCompletionCodeDocument,
  type DatasetSplit,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { clipRowsFrom, type ItemSegment } from '../lib/campaign-clips';
import { itemSegmentsNeeded, parseCampaignForm } from '../lib/campaign-form';

// The console's moves on MOS campaigns. Each answers its form; the links are shown once, so they come back
// in the form state rather than through a redirect.

export async function createCampaignAction(
  _previous: FormState<{ id: string; link: string }>,
  form: FormData,
): Promise<FormState<{ id: string; link: string }>> {
  const credentials = await requireCredentials();
  const typed = {
    name: textField(form, 'name'),
    question: textField(form, 'question'),
    presentation: textField(form, 'presentation') || 'AUDIO',
    versions: form.getAll('versions').map(String),
    groundTruth: form.get('groundTruth') === 'on',
    sampler: textField(form, 'sampler'),
    steps: textField(form, 'steps'),
    seed: textField(form, 'seed'),
    itemSource: textField(form, 'itemSource') || 'DATASET',
    datasetVersionId: textField(form, 'datasetVersionId'),
    split: textField(form, 'split'),
    limit: textField(form, 'limit'),
    seconds: textField(form, 'seconds'),
    votesPerClip: textField(form, 'votesPerClip'),
    clipsPerSession: textField(form, 'clipsPerSession'),
    trapsPerSession: textField(form, 'trapsPerSession'),
    goldPerSession: textField(form, 'goldPerSession'),
  };
  // The row lists (items, baselines, gold, anchors) stay in the form's own state, so only the rest is shown
  // again after a refusal.
  const values = { ...typed, clips: clipRowsFrom(textField(form, 'clips')) };
  const shown = {
    ...typed,
    versions: typed.versions.join(','),
    groundTruth: typed.groundTruth ? 'on' : '',
  };
  // Baselines over a split are matched to its items by the API's order: read them here rather than trust
  // the list the page showed.
  const needed = itemSegmentsNeeded(values);
  let items: ItemSegment[] | undefined;
  if (needed) {
    const read = await attempt(() => readItemSegments(needed, credentials), {
      signedIn: true,
      values: shown,
    });
    if (read.status !== 'done') return read;
    items = read.result;
  }
  const input = parseCampaignForm(values, items);
  if ('error' in input) return failed(input.error, shown);
  const state = await attempt(
    async () => {
      const created = (await requestGraphql(CreateRatingCampaignDocument, { input }, credentials))
        .createRatingCampaign;
      return { id: created.campaign.id, link: created.link };
    },
    { signedIn: true, values: shown },
  );
  if (state.status === 'done') revalidatePath('/ratings');
  return state;
}

/** One page of a split's segments in the order a campaign takes them as items, for the form's list. */
export interface ItemSegmentsPage {
  segments: ItemSegment[];
  total: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const SPLITS: readonly string[] = ['TEST', 'VALID', 'TRAIN'];

/** The API's largest page. */
const SEGMENTS_PAGE = 100;

async function itemSegmentsPage(
  datasetVersionId: string,
  split: DatasetSplit,
  first: number,
  after: string | null,
  credentials: Credentials,
): Promise<ItemSegmentsPage> {
  const page = (
    await requestGraphql(RatingItemSegmentsDocument, { datasetVersionId, split, first, after }, credentials)
  ).ratingItemSegments;
  return {
    segments: page.edges.map((edge) => edge.node),
    total: page.total,
    endCursor: page.pageInfo.endCursor ?? null,
    hasNextPage: page.pageInfo.hasNextPage,
  };
}

/** The first `count` segments of the split (all of them when it has fewer), a page at a time. */
async function readItemSegments(
  wanted: { datasetVersionId: string; split: DatasetSplit; count: number },
  credentials: Credentials,
): Promise<ItemSegment[]> {
  const segments: ItemSegment[] = [];
  let after: string | null = null;
  while (segments.length < wanted.count) {
    const page: ItemSegmentsPage = await itemSegmentsPage(
      wanted.datasetVersionId,
      wanted.split,
      Math.min(SEGMENTS_PAGE, wanted.count - segments.length),
      after,
      credentials,
    );
    segments.push(...page.segments);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return segments;
}

/** The form's list of a split's items: `first` (1 to 100) more segments after `after`, or why not. */
export async function itemSegmentsAction(
  datasetVersionId: string,
  split: string,
  first: number,
  after: string | null,
): Promise<ItemSegmentsPage | { error: string }> {
  const credentials = await requireCredentials();
  if (!SPLITS.includes(split)) return { error: 'Choose TEST, VALID or TRAIN.' };
  const size = Number.isInteger(first) ? Math.min(Math.max(first, 1), SEGMENTS_PAGE) : SEGMENTS_PAGE;
  const state = await attempt(
    () => itemSegmentsPage(datasetVersionId, split as DatasetSplit, size, after, credentials),
    { signedIn: true },
  );
  return state.status === 'done' ? state.result : { error: state.status === 'error' ? state.error : '' };
}

export async function prepareCampaignAction(
  _previous: FormState<{ status: string }>,
  form: FormData,
): Promise<FormState<{ status: string }>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () =>
      (await requestGraphql(PrepareRatingCampaignDocument, { id }, credentials)).prepareRatingCampaign,
    { signedIn: true },
  );
  revalidatePath(`/ratings/${id}`);
  return state;
}

export async function closeCampaignAction(
  _previous: FormState<{ status: string }>,
  form: FormData,
): Promise<FormState<{ status: string }>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const state = await attempt(
    async () => (await requestGraphql(CloseRatingCampaignDocument, { id }, credentials)).closeRatingCampaign,
    { signedIn: true },
  );
  revalidatePath(`/ratings/${id}`);
  return state;
}

export async function createLinkAction(
  _previous: FormState<{ id: string; link: string }>,
  form: FormData,
): Promise<FormState<{ id: string; link: string }>> {
  const credentials = await requireCredentials();
  const campaignId = textField(form, 'campaignId');
  const label = textField(form, 'label');
  return attempt(
    async () =>
      (await requestGraphql(CreateRatingLinkDocument, { campaignId, label: label || null }, credentials))
        .createRatingLink,
    { signedIn: true, values: { label } },
  );
}

export async function overrideSessionAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const id = textField(form, 'id');
  const decision = textField(form, 'decision');
  const note = textField(form, 'note');
  const state = await attempt(
    async () =>
      (
        await requestGraphql(
          OverrideRaterSessionDocument,
          { id, decision: decision === 'RULES' ? null : decision, note: note || null },
          credentials,
        )
      ).overrideRaterSession,
    { signedIn: true },
  );
  revalidatePath(`/ratings/${textField(form, 'campaignId')}`);
  return state;
}

export async function banRaterAction(
  _previous: FormState<{ id: string }>,
  form: FormData,
): Promise<FormState<{ id: string }>> {
  const credentials = await requireCredentials();
  const sessionId = textField(form, 'sessionId');
  const state = await attempt(
    async () => (await requestGraphql(BanRaterDocument, { sessionId, reason: null }, credentials)).banRater,
    { signedIn: true },
  );
  revalidatePath(`/ratings/${textField(form, 'campaignId')}`);
  return state;
}

export async function verifyCodeAction(
  _previous: FormState<{ id: string; stage: string; counted: boolean; exclusionReasons: string[] }>,
  form: FormData,
): Promise<FormState<{ id: string; stage: string; counted: boolean; exclusionReasons: string[] }>> {
  const credentials = await requireCredentials();
  const campaignId = textField(form, 'campaignId');
  const code = textField(form, 'code');
  if (!code) return failed('Type the completion code the rater gave you.');
  return attempt(
    async () => {
      const session = (await requestGraphql(VerifyCompletionCodeDocument, { campaignId, code }, credentials))
        .verifyCompletionCode;
      return {
        id: session.id,
        stage: session.stage,
        counted: session.counted,
        exclusionReasons: session.exclusionReasons,
      };
    },
    { signedIn: true, values: { code } },
  );
}
