import type { CreateRatingCampaignInput, DatasetSplit, RatingSystemInput } from '@/graphql/generated';

// The "New campaign" form's fields as the API's CreateRatingCampaignInput: the systems (model versions
// ticked, each "id|label", plus ground truth), the items (a frozen version's split, at most `limit`
// segments), and the targets, each left out when blank so the API's P.808 defaults apply. Shape only; the
// rules that need data (frozen, the versions' existence, quota) are the API's, and its words are shown.

export interface CampaignFormValues {
  name: string;
  question: string;
  /** Ticked model versions, each "<id>|<label>". */
  versions: string[];
  groundTruth: boolean;
  sampler: string;
  steps: string;
  seed: string;
  datasetVersionId: string;
  split: string;
  limit: string;
  /** Each segment's first this many seconds; blank: the whole segment. */
  seconds: string;
  votesPerClip: string;
  clipsPerSession: string;
  trapsPerSession: string;
}

const SPLITS: DatasetSplit[] = ['TEST', 'VALID', 'TRAIN'];

/** A whole number from a field, undefined when blank, or the error to show. */
function whole(value: string, what: string, min: number): number | undefined | { error: string } {
  if (!value.trim()) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) return { error: `${what} must be a whole number of at least ${min}.` };
  return n;
}

export function parseCampaignForm(values: CampaignFormValues): CreateRatingCampaignInput | { error: string } {
  if (!values.name.trim()) return { error: 'Give the campaign a name.' };
  if (values.versions.length === 0 && !values.groundTruth)
    return { error: 'Tick at least one system: a model version or ground truth.' };
  if (!values.datasetVersionId) return { error: 'Choose a frozen dataset version for the items.' };
  if (!SPLITS.includes(values.split as DatasetSplit)) return { error: 'Choose TEST, VALID or TRAIN.' };
  const numbers: Record<string, number | undefined> = {};
  for (const [key, what, min] of [
    ['steps', 'Steps', 1],
    ['seed', 'Seed', 0],
    ['limit', 'Items', 1],
    ['votesPerClip', 'Votes per clip', 1],
    ['clipsPerSession', 'Clips per session', 1],
    ['trapsPerSession', 'Trapping clips per session', 0],
  ] as const) {
    const parsed = whole(values[key], what, min);
    if (typeof parsed === 'object') return parsed;
    numbers[key] = parsed;
  }
  let seconds: number | undefined;
  if (values.seconds.trim()) {
    seconds = Number(values.seconds);
    if (!(seconds > 0 && seconds <= 600))
      return { error: 'Clip length is a number of seconds from 0 to 600.' };
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
  const input: CreateRatingCampaignInput = {
    name: values.name.trim(),
    systems,
    items: {
      datasetVersionId: values.datasetVersionId,
      split: values.split as DatasetSplit,
      ...(numbers.limit !== undefined ? { limit: numbers.limit } : {}),
      ...(seconds !== undefined ? { seconds } : {}),
    },
  };
  if (values.question.trim()) input.question = values.question.trim();
  if (numbers.votesPerClip !== undefined) input.votesPerClip = numbers.votesPerClip;
  if (numbers.clipsPerSession !== undefined) input.clipsPerSession = numbers.clipsPerSession;
  if (numbers.trapsPerSession !== undefined) input.trapsPerSession = numbers.trapsPerSession;
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
