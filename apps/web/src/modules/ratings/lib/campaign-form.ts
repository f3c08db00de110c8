import type { CreateRatingCampaignInput, DatasetSplit, RatingSystemInput } from '@/graphql/generated';
import {
  baselineClips,
  type CampaignClipRows,
  type ItemSegment,
  scoredClips,
  segmentBaselineClips,
  splitItemCount,
  uploadItems,
} from './campaign-clips';

// The "New campaign" form's fields as the API's CreateRatingCampaignInput: the systems (model versions
// ticked, each "id|label", ground truth, baselines), the items (a frozen version's split, at most `limit`
// segments, or uploaded items row by row), the presentation, gold and training clips, and the targets,
// each left out when blank so the API's P.808 defaults apply. Shape only; the rules that need data
// (frozen, the uploads' kinds, the segments' videos, quota) are the API's, and its words are shown. The one
// piece of data read first: a split's items, when baseline clips are matched to them (itemSegmentsNeeded).

export interface CampaignFormValues {
  name: string;
  question: string;
  /** AUDIO (P.808's default) or AUDIO_VIDEO. */
  presentation: string;
  /** Ticked model versions, each "<id>|<label>". */
  versions: string[];
  groundTruth: boolean;
  sampler: string;
  steps: string;
  seed: string;
  /** DATASET (a frozen version's split) or UPLOADS (the item rows of `clips`). */
  itemSource: string;
  datasetVersionId: string;
  split: string;
  limit: string;
  /** Each segment's first this many seconds; blank: the whole segment. */
  seconds: string;
  votesPerClip: string;
  clipsPerSession: string;
  trapsPerSession: string;
  goldPerSession: string;
  /** The row lists: uploaded items, baselines, gold clips, anchors. */
  clips: CampaignClipRows;
}

const SPLITS: DatasetSplit[] = ['TEST', 'VALID', 'TRAIN'];

/** A whole number from a field, undefined when blank, or the error to show. */
function whole(value: string, what: string, min: number): number | undefined | { error: string } {
  if (!value.trim()) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) return { error: `${what} must be a whole number of at least ${min}.` };
  return n;
}

type Failure = { error: string };
const failed = <T>(value: T | Failure): value is Failure =>
  typeof value === 'object' && value !== null && 'error' in value;

/** The items: a frozen version's split, or the uploaded rows (checked against what the systems need). */
function itemsOf(
  values: CampaignFormValues,
  limit: number | undefined,
): CreateRatingCampaignInput['items'] | Failure {
  if (values.itemSource === 'UPLOADS') {
    const uploads = uploadItems(values.clips.items, {
      poses: values.versions.length > 0,
      audio: values.groundTruth,
      video: values.presentation === 'AUDIO_VIDEO',
    });
    return failed(uploads) ? uploads : { uploads };
  }
  if (!values.datasetVersionId) return { error: 'Choose a frozen dataset version for the items.' };
  if (!SPLITS.includes(values.split as DatasetSplit)) return { error: 'Choose TEST, VALID or TRAIN.' };
  let seconds: number | undefined;
  if (values.seconds.trim()) {
    seconds = Number(values.seconds);
    if (!(seconds > 0 && seconds <= 600))
      return { error: 'Clip length is a number of seconds from 0 to 600.' };
  }
  return {
    datasetVersionId: values.datasetVersionId,
    split: values.split as DatasetSplit,
    ...(limit !== undefined ? { limit } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

/** The split whose items baseline clips are matched to, and how many items it gives; null: none needed. */
export function itemSegmentsNeeded(
  values: CampaignFormValues,
): { datasetVersionId: string; split: DatasetSplit; count: number } | null {
  if (values.itemSource === 'UPLOADS' || !values.clips.baselines.length || !values.datasetVersionId)
    return null;
  if (!SPLITS.includes(values.split as DatasetSplit)) return null;
  return {
    datasetVersionId: values.datasetVersionId,
    split: values.split as DatasetSplit,
    count: splitItemCount(values.limit),
  };
}

/**
 * The API's input, or the first thing to fix. `segments`: the split's segments the campaign takes, in the
 * API's order, read when itemSegmentsNeeded says so (baselines over a split are matched by it).
 */
export function parseCampaignForm(
  values: CampaignFormValues,
  segments?: readonly ItemSegment[],
): CreateRatingCampaignInput | Failure {
  if (!values.name.trim()) return { error: 'Give the campaign a name.' };
  if (values.versions.length === 0 && !values.groundTruth && values.clips.baselines.length === 0)
    return { error: 'Tick at least one system: a model version, ground truth or a baseline.' };
  if (values.presentation !== 'AUDIO' && values.presentation !== 'AUDIO_VIDEO')
    return { error: 'Choose how clips are presented: audio only, or audio with its video.' };
  const numbers: Record<string, number | undefined> = {};
  for (const [key, what, min] of [
    ['steps', 'Steps', 1],
    ['seed', 'Seed', 0],
    ['limit', 'Items', 1],
    ['votesPerClip', 'Votes per clip', 1],
    ['clipsPerSession', 'Clips per session', 1],
    ['trapsPerSession', 'Trapping clips per session', 0],
    ['goldPerSession', 'Gold clips per session', 0],
  ] as const) {
    const parsed = whole(values[key], what, min);
    if (typeof parsed === 'object') return parsed;
    numbers[key] = parsed;
  }
  const items = itemsOf(values, numbers.limit);
  if (failed(items)) return items;
  let baselines: ReturnType<typeof baselineClips>;
  if (values.itemSource === 'UPLOADS') baselines = baselineClips(values.clips);
  else if (!values.clips.baselines.length) baselines = [];
  else if (!segments)
    return { error: 'The split’s segments could not be read to match the baselines: try again.' };
  else baselines = segmentBaselineClips(values.clips, segments);
  if (failed(baselines)) return baselines;
  const gold = scoredClips(values.clips.gold, 'Gold clip');
  if (failed(gold)) return gold;
  const anchors = scoredClips(values.clips.anchors, 'Training clip');
  if (failed(anchors)) return anchors;
  if (numbers.goldPerSession !== undefined && numbers.goldPerSession > gold.length) {
    return {
      error: `Gold clips per session is ${numbers.goldPerSession}, but ${gold.length === 0 ? 'no gold clip is' : gold.length === 1 ? 'only 1 gold clip is' : `only ${gold.length} gold clips are`} given.`,
    };
  }
  const systems: RatingSystemInput[] = values.versions.map((entry) => {
    const split = entry.indexOf('|');
    const id = split < 0 ? entry : entry.slice(0, split);
    const label = split < 0 ? entry : entry.slice(split + 1);
    return {
      kind: 'MODEL',
      label,
      modelVersionId: id,
      ...(values.sampler.trim() ? { sampler: values.sampler.trim() } : {}),
      ...(numbers.steps !== undefined ? { steps: numbers.steps } : {}),
      ...(numbers.seed !== undefined ? { seed: numbers.seed } : {}),
    };
  });
  if (values.groundTruth) systems.push({ kind: 'GROUND_TRUTH', label: 'ground truth' });
  for (const baseline of baselines)
    systems.push({ kind: 'BASELINE', label: baseline.label, baselineUploadIds: baseline.uploads });
  const input: CreateRatingCampaignInput = { name: values.name.trim(), systems, items };
  if (values.question.trim()) input.question = values.question.trim();
  if (values.presentation === 'AUDIO_VIDEO') input.presentation = 'AUDIO_VIDEO';
  if (numbers.votesPerClip !== undefined) input.votesPerClip = numbers.votesPerClip;
  if (numbers.clipsPerSession !== undefined) input.clipsPerSession = numbers.clipsPerSession;
  if (numbers.trapsPerSession !== undefined) input.trapsPerSession = numbers.trapsPerSession;
  if (numbers.goldPerSession !== undefined) input.goldPerSession = numbers.goldPerSession;
  if (gold.length) input.gold = gold;
  if (anchors.length) input.anchors = anchors;
  return input;
}

/** A MOS with its 95% interval as the results print it ("3.42 ± 0.31"); a dash where there is none yet. */
export function mosText(mos: number | null | undefined, ci95: number | null | undefined): string {
  if (mos === null || mos === undefined) return '–';
  return ci95 === null || ci95 === undefined ? mos.toFixed(2) : `${mos.toFixed(2)} ± ${ci95.toFixed(2)}`;
}

/** A p-value as a table shows it: three decimals, or "< 0.001". */
export function pText(p: number | null | undefined): string {
  if (p === null || p === undefined) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The rater link's address on this console, from its token. */
export function raterLinkUrl(origin: string, link: string): string {
  return `${origin.replace(/\/+$/, '')}/rate/${link}`;
}

/** Where the campaign page's lists are: the cursor of each list's page (none: its first page). */
export interface CampaignPages {
  sessions?: string;
  clips?: string;
}

/** The campaign page's address with `list` at `cursor` (none: its first page), the other list kept. */
export function campaignPageHref(
  id: string,
  pages: CampaignPages,
  list: keyof CampaignPages,
  cursor?: string,
): string {
  const query = new URLSearchParams();
  const next = { ...pages, [list]: cursor };
  for (const key of ['sessions', 'clips'] as const) if (next[key]) query.set(key, next[key]!);
  const search = query.toString();
  return `/ratings/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
}
