import { DatasetSplit, RatingScreeningRules, RatingSystemKind } from '@loris/db';
import { DEFAULT_SCREENING } from './session-screening';
import { InvalidRatingCampaignError } from './ratings.exception';

/** P.808's ACR question and labels (overall quality, 5 = Excellent). */
export const P808_QUESTION = 'How would you rate the overall quality of this audio clip?';
export const P808_LABELS = ['Bad', 'Poor', 'Fair', 'Good', 'Excellent'];

export interface CampaignSystemInput {
  /** The owner's name for it (unique in the campaign); never shown to raters. */
  label: string;
  kind: RatingSystemKind;
  modelVersionId?: string | null;
  sampler?: string | null;
  steps?: number | null;
  guidance?: number | null;
  seed?: number | null;
  /** BASELINE: one uploaded WAV per item, in the items' order. */
  baselineUploadIds?: string[] | null;
}

export interface CampaignUploadItemInput {
  posesUploadId?: string | null;
  /** The item's ground truth. */
  audioUploadId?: string | null;
  /** The item's video (an upload of kind VIDEO): what AUDIO_VIDEO shows with every clip of the item. */
  videoUploadId?: string | null;
  genre?: string | null;
  seconds: number;
}

export interface CampaignItemsInput {
  /** Segments of a frozen dataset version's split (the first `limit` by segment id). */
  datasetVersionId?: string | null;
  split?: DatasetSplit | null;
  limit?: number | null;
  /**
   * With datasetVersionId: each segment's first this many seconds (P.808's stimuli are a few seconds long,
   * segments 25 or 50); default the whole segment.
   */
  seconds?: number | null;
  /** Or uploaded pose tracks and/or WAVs. */
  uploads?: CampaignUploadItemInput[] | null;
}

export interface ScoredUploadInput {
  uploadId: string;
  expectedScore: number;
}

export interface CreateCampaignInput {
  name: string;
  question?: string | null;
  labels?: string[] | null;
  presentation?: 'AUDIO' | 'AUDIO_VIDEO' | null;
  votesPerClip?: number | null;
  clipsPerSession?: number | null;
  trapsPerSession?: number | null;
  goldPerSession?: number | null;
  sessionTimeoutMinutes?: number | null;
  screening?: Partial<RatingScreeningRules> | null;
  systems: CampaignSystemInput[];
  items: CampaignItemsInput;
  gold?: ScoredUploadInput[] | null;
  anchors?: ScoredUploadInput[] | null;
}

/** The campaign's own settings, checked and with P.808's defaults. */
export interface CampaignSettings {
  name: string;
  question: string;
  labels: string[];
  presentation: 'AUDIO' | 'AUDIO_VIDEO';
  votesPerClip: number;
  clipsPerSession: number;
  trapsPerSession: number;
  goldPerSession: number;
  sessionTimeoutSeconds: number;
  screening: RatingScreeningRules;
}

const bad = (detail: string) => new InvalidRatingCampaignError(detail);

function int(
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw bad(`${name} must be a whole number from ${min} to ${max}, got ${v}`);
  return v;
}

function text(value: string | null | undefined, fallback: string, max: number, name: string): string {
  const v = (value ?? fallback).trim();
  if (v.length < 1 || v.length > max) throw bad(`${name} must be 1 to ${max} characters`);
  return v;
}

export function campaignSettings(input: CreateCampaignInput): CampaignSettings {
  const labels = (input.labels ?? P808_LABELS).map((l, i) => text(l, '', 40, `labels[${i}]`));
  if (labels.length !== 5)
    throw bad(`labels must name the five scores 1 to 5 (from worst to best), got ${labels.length}`);
  const screening = { ...DEFAULT_SCREENING, ...(input.screening ?? {}) };
  if (!(screening.goldTolerance >= 0 && screening.goldTolerance <= 4))
    throw bad('screening.goldTolerance must be from 0 to 4');
  if (!(screening.minPearsonR >= -1 && screening.minPearsonR <= 1))
    throw bad('screening.minPearsonR must be from -1 to 1');
  const presentation = input.presentation ?? 'AUDIO';
  if (presentation !== 'AUDIO' && presentation !== 'AUDIO_VIDEO')
    throw bad('presentation must be AUDIO or AUDIO_VIDEO');
  return {
    name: text(input.name, '', 200, 'name'),
    question: text(input.question, P808_QUESTION, 500, 'question'),
    labels,
    presentation,
    votesPerClip: int(input.votesPerClip, 10, 1, 1000, 'votesPerClip'),
    clipsPerSession: int(input.clipsPerSession, 12, 1, 200, 'clipsPerSession'),
    trapsPerSession: int(input.trapsPerSession, 1, 0, 5, 'trapsPerSession'),
    goldPerSession: int(input.goldPerSession, input.gold?.length ? 1 : 0, 0, 5, 'goldPerSession'),
    sessionTimeoutSeconds: 60 * int(input.sessionTimeoutMinutes, 60, 1, 10080, 'sessionTimeoutMinutes'),
    screening,
  };
}

/** Checks of the systems that need no database: kinds, labels, per-kind fields. */
export function checkSystems(systems: CampaignSystemInput[], itemCount: number): void {
  if (systems.length < 1 || systems.length > 20) throw bad('give 1 to 20 systems');
  const labels = new Set<string>();
  systems.forEach((s, i) => {
    const label = text(s.label, '', 100, `systems[${i}].label`);
    if (labels.has(label))
      throw bad(`systems[${i}].label "${label}" is used twice; each system needs its own`);
    labels.add(label);
    if (s.kind === RatingSystemKind.MODEL && !s.modelVersionId)
      throw bad(`systems[${i}] is a MODEL and needs modelVersionId`);
    if (s.kind === RatingSystemKind.BASELINE && (s.baselineUploadIds?.length ?? 0) !== itemCount) {
      throw bad(
        `systems[${i}] is a BASELINE and needs one uploaded WAV per item (${itemCount}), got ${s.baselineUploadIds?.length ?? 0}`,
      );
    }
  });
}

export function checkScored(list: ScoredUploadInput[] | null | undefined, name: string): ScoredUploadInput[] {
  const out = list ?? [];
  if (out.length > 20) throw bad(`${name} takes at most 20 clips`);
  out.forEach((g, i) => {
    if (!Number.isInteger(g.expectedScore) || g.expectedScore < 1 || g.expectedScore > 5) {
      throw bad(`${name}[${i}].expectedScore must be 1 to 5`);
    }
  });
  return out;
}

/** Where an item's clips come from, as far as its video goes (PlannedItem in the service). */
export interface ItemVideo {
  segmentId: string | null;
  videoArtifactId: string | null;
}

/**
 * AUDIO_VIDEO shows each clip on its item's video, so every item needs one; refused at creation, naming
 * the items, rather than found out halfway through a preparation or filled in with a still frame that
 * would make those items look unlike the rest to a rater.
 */
export function checkItemVideos(presentation: 'AUDIO' | 'AUDIO_VIDEO', items: ItemVideo[]): void {
  if (presentation !== 'AUDIO_VIDEO') return;
  const missing = items.flatMap((item, i) => (item.videoArtifactId ? [] : [{ item, i }]));
  if (!missing.length) return;
  const named = missing
    .slice(0, 3)
    .map(({ item, i }) =>
      item.segmentId
        ? `item ${i + 1} (segment ${item.segmentId}, imported without its source video)`
        : `item ${i + 1} (items.uploads[${i}] has no videoUploadId)`,
    )
    .join(', ');
  const more = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
  throw bad(
    `presentation AUDIO_VIDEO shows every clip with its item's video, and ${missing.length} of ${items.length} items have none: ${named}${more}. Choose AUDIO, or items that have their video`,
  );
}
