import type { RatingUploadItemInput, ScoredUploadInputType } from '@/graphql/generated';

// The parts of the "New campaign" form that are lists the engineer grows row by row: items from uploads
// (each a pose track and/or its ground-truth WAV, its video, genre and length, and one clip per baseline
// system), the baseline rows of items from a frozen split (a segment each, and one clip per baseline
// system), the baseline systems' names, gold clips and training anchors (a WAV and its expected score).
// The form keeps them in its own state and sends them as one JSON field; this module reads that field
// without trusting it and turns the rows into the API's input, or into the first thing to fix, in words.

export interface ScoredClipRow {
  uploadId: string;
  /** "1" to "5". */
  score: string;
}

export interface UploadItemRow {
  poses: string;
  audio: string;
  video: string;
  genre: string;
  seconds: string;
  /** The clip of each baseline system for this item, in the baselines' order. */
  baselines: string[];
}

/** Items from a frozen split: one segment and the clip each baseline system made of it. */
export interface SegmentClipRow {
  /** The segment's id. */
  segment: string;
  /** The clip of each baseline system for this segment, in the baselines' order. */
  baselines: string[];
}

export interface CampaignClipRows {
  items: UploadItemRow[];
  segments: SegmentClipRow[];
  /** The baseline systems' labels. */
  baselines: string[];
  gold: ScoredClipRow[];
  anchors: ScoredClipRow[];
}

export const EMPTY_CLIP_ROWS: CampaignClipRows = {
  items: [],
  segments: [],
  baselines: [],
  gold: [],
  anchors: [],
};

/** The API's bound on gold clips and on anchors each. */
export const MAX_SCORED_CLIPS = 20;

export const emptyItemRow = (baselines: number): UploadItemRow => ({
  poses: '',
  audio: '',
  video: '',
  genre: '',
  seconds: '',
  baselines: Array.from({ length: baselines }, () => ''),
});

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** The rows from the form's JSON field; anything missing or malformed reads as empty, never throws. */
export function clipRowsFrom(json: string): CampaignClipRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json || '{}');
  } catch {
    return EMPTY_CLIP_ROWS;
  }
  const scored = (rows: unknown) =>
    list(rows).map((row) => ({ uploadId: text(field(row, 'uploadId')), score: text(field(row, 'score')) }));
  const baselines = list(field(parsed, 'baselines')).map(text);
  const clips = (row: unknown) => baselines.map((_, i) => text(list(field(row, 'baselines'))[i]));
  return {
    baselines,
    segments: list(field(parsed, 'segments')).map((row) => ({
      segment: text(field(row, 'segment')),
      baselines: clips(row),
    })),
    items: list(field(parsed, 'items')).map((row) => ({
      poses: text(field(row, 'poses')),
      audio: text(field(row, 'audio')),
      video: text(field(row, 'video')),
      genre: text(field(row, 'genre')),
      seconds: text(field(row, 'seconds')),
      baselines: clips(row),
    })),
    gold: scored(field(parsed, 'gold')),
    anchors: scored(field(parsed, 'anchors')),
  };
}

type Failure = { error: string };

/** Gold clips or anchors as the API takes them, or the first row to fix. */
export function scoredClips(
  rows: ScoredClipRow[],
  what: 'Gold clip' | 'Training clip',
): ScoredUploadInputType[] | Failure {
  if (rows.length > MAX_SCORED_CLIPS)
    return { error: `Give at most ${MAX_SCORED_CLIPS} ${what.toLowerCase()}s.` };
  const out: ScoredUploadInputType[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row.uploadId) return { error: `${what} ${i + 1}: choose a WAV or upload one.` };
    const score = Number(row.score);
    if (!row.score || !Number.isInteger(score) || score < 1 || score > 5)
      return { error: `${what} ${i + 1}: its expected score is a whole number from 1 to 5.` };
    out.push({ uploadId: row.uploadId, expectedScore: score });
  }
  return out;
}

/** What the systems ask of every uploaded item. */
export interface ItemNeeds {
  /** Model versions generate from poses and a genre. */
  poses: boolean;
  /** Ground truth plays the item's own audio. */
  audio: boolean;
  /** Audio with video shows every clip on its item's video. */
  video: boolean;
}

/** Uploaded items as the API takes them (in order: baselines match by position), or the first to fix. */
export function uploadItems(rows: UploadItemRow[], needs: ItemNeeds): RatingUploadItemInput[] | Failure {
  if (rows.length === 0) return { error: 'Add at least one item: its pose track, its audio or both.' };
  const out: RatingUploadItemInput[] = [];
  for (const [i, row] of rows.entries()) {
    const item = `Item ${i + 1}`;
    if (!row.poses && !row.audio) return { error: `${item}: choose its pose track, its audio or both.` };
    if (needs.poses && !row.poses)
      return { error: `${item} needs a pose track: the model versions generate from its poses.` };
    if (needs.poses && !row.genre)
      return { error: `${item} needs a genre: the model versions generate in a genre.` };
    if (needs.audio && !row.audio)
      return { error: `${item} needs its audio (a WAV): ground truth plays it.` };
    if (needs.video && !row.video)
      return { error: `${item} needs a video: audio with video shows each clip on its item’s video.` };
    const seconds = Number(row.seconds);
    if (!row.seconds || !(seconds > 0 && seconds <= 600))
      return { error: `${item}: its length is a number of seconds from 0 to 600.` };
    out.push({
      seconds,
      ...(row.poses ? { posesUploadId: row.poses } : {}),
      ...(row.audio ? { audioUploadId: row.audio } : {}),
      ...(row.video ? { videoUploadId: row.video } : {}),
      ...(row.genre ? { genre: row.genre } : {}),
    });
  }
  return out;
}

/** A baseline system added: every row gets an empty clip for it. */
export function addBaseline(rows: CampaignClipRows): CampaignClipRows {
  return {
    ...rows,
    baselines: [...rows.baselines, ''],
    items: rows.items.map((row) => ({ ...row, baselines: [...row.baselines, ''] })),
    segments: rows.segments.map((row) => ({ ...row, baselines: [...row.baselines, ''] })),
  };
}

/** Baseline system `b` removed, with its clip from every row. */
export function removeBaseline(rows: CampaignClipRows, b: number): CampaignClipRows {
  const without = <T extends { baselines: string[] }>(row: T): T => ({
    ...row,
    baselines: row.baselines.filter((_, j) => j !== b),
  });
  return {
    ...rows,
    baselines: rows.baselines.filter((_, j) => j !== b),
    items: rows.items.map(without),
    segments: rows.segments.map(without),
  };
}

/** The baseline systems' names, or the first to fix. */
function baselineLabels(rows: CampaignClipRows): string[] | Failure {
  const seen = new Set<string>();
  for (const [b, label] of rows.baselines.entries()) {
    if (!label) return { error: `Baseline ${b + 1}: give it a name (raters never see it).` };
    if (seen.has(label)) return { error: `Two baselines are called “${label}”: each needs its own name.` };
    seen.add(label);
  }
  return rows.baselines;
}

const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && 'error' in value;

/** Each baseline system's clips, one per uploaded item in the items' order, or the first gap. */
export function baselineClips(rows: CampaignClipRows): Array<{ label: string; uploads: string[] }> | Failure {
  const labels = baselineLabels(rows);
  if (isFailure(labels)) return labels;
  const out: Array<{ label: string; uploads: string[] }> = [];
  for (const [b, label] of labels.entries()) {
    const uploads = rows.items.map((item) => item.baselines[b] ?? '');
    const gap = uploads.findIndex((id) => !id);
    if (gap >= 0) return { error: `Baseline “${label}” needs a clip for item ${gap + 1}.` };
    out.push({ label, uploads });
  }
  return out;
}

/** A segment of a frozen split as the form shows it (the API's ratingItemSegments). */
export interface ItemSegment {
  id: string;
  videoName: string | null;
  startSeconds: number;
  lengthSeconds: number;
  genre: string | null;
  hasVideo: boolean;
}

/** Items a campaign takes from a split when "Items (at most)" is blank, and at most: the API's bounds. */
export const DEFAULT_SPLIT_ITEMS = 50;
export const MAX_SPLIT_ITEMS = 500;

/** How many of a split's segments become items for the "Items (at most)" field (blank or unreadable: 50). */
export function splitItemCount(limit: string): number {
  const n = Number(limit);
  if (!limit.trim() || !Number.isInteger(n) || n < 1) return DEFAULT_SPLIT_ITEMS;
  return Math.min(n, MAX_SPLIT_ITEMS);
}

/** "1:05" or "0:12.5": a time in a video as a person reads it. */
function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 10) / 10;
  return `${minutes}:${rest < 10 ? '0' : ''}${rest}`;
}

/** "salsa-night.mp4 · 0:12.5–0:37.5 · House": the video, where in it, and the genre. */
export function segmentLabel(segment: ItemSegment): string {
  const name = segment.videoName || `segment ${segment.id.slice(0, 8)}`;
  const end = segment.startSeconds + segment.lengthSeconds;
  return `${name} · ${clock(segment.startSeconds)}–${clock(end)} · ${segment.genre ?? 'no genre'}`;
}

/** A row for each item that no row is for yet, in the items' order, each with a clip per baseline. */
export function fillSegmentRows(rows: CampaignClipRows, items: readonly ItemSegment[]): CampaignClipRows {
  const covered = new Set(rows.segments.map((row) => row.segment));
  const added = items
    .filter((item) => !covered.has(item.id))
    .map((item) => ({ segment: item.id, baselines: rows.baselines.map(() => '') }));
  return { ...rows, segments: [...rows.segments, ...added] };
}

/**
 * Each baseline system's clips for items from a frozen split, in the items' order (`items`: the split's
 * segments a campaign takes, in the API's order), or the row to fix. Every item needs exactly one row.
 */
export function segmentBaselineClips(
  rows: CampaignClipRows,
  items: readonly ItemSegment[],
): Array<{ label: string; uploads: string[] }> | Failure {
  const labels = baselineLabels(rows);
  if (isFailure(labels)) return labels;
  if (!labels.length) return [];
  const itemIds = new Set(items.map((item) => item.id));
  const rowOf = new Map<string, number>();
  const itemsWord = `the campaign’s ${items.length} item${items.length === 1 ? '' : 's'}`;
  for (const [i, row] of rows.segments.entries()) {
    const name = `Baseline row ${i + 1}`;
    if (!row.segment) return { error: `${name}: choose its segment.` };
    if (!itemIds.has(row.segment))
      return {
        error: `${name}: its segment is not one of ${itemsWord} (the split’s first segments): choose another, or raise “Items (at most)”.`,
      };
    const earlier = rowOf.get(row.segment);
    if (earlier !== undefined) {
      const segment = items.find((item) => item.id === row.segment)!;
      return {
        error: `${name} is for the same segment as row ${earlier + 1} (${segmentLabel(segment)}): remove one.`,
      };
    }
    rowOf.set(row.segment, i);
    const gap = labels.findIndex((_, b) => !row.baselines[b]);
    if (gap >= 0) return { error: `${name} needs a clip of “${labels[gap]}”.` };
  }
  const missing = items.filter((item) => !rowOf.has(item.id));
  if (missing.length) {
    const more = missing.length > 1 ? ` and ${missing.length - 1} more` : '';
    return {
      error: `Each of ${itemsWord} needs a baseline row: add one for ${segmentLabel(missing[0])}${more}, or lower “Items (at most)”.`,
    };
  }
  return labels.map((label, b) => ({
    label,
    uploads: items.map((item) => rows.segments[rowOf.get(item.id)!].baselines[b]),
  }));
}

/** An upload as the form's pickers offer it. */
export interface UploadChoice {
  id: string;
  label: string;
  /** What the API measured (pose tracks, videos): an item's length defaults to it. */
  seconds: number | null;
}

/** Who sent an upload, as the API's `uploads` says (none for a file just sent from this form). */
export interface Uploader {
  uploadedBy: 'MEMBER' | 'FORMER_MEMBER' | 'API_KEY';
  uploaderEmail?: string | null;
}

const UPLOADER_WORDS: Record<Uploader['uploadedBy'], string> = {
  MEMBER: 'a member',
  FORMER_MEMBER: 'a former member',
  API_KEY: 'an API key',
};

/**
 * "take-03.wav · 4.0 s · by ana@example.com · 12 Mar 2026, 10:04 UTC": the name, length, sender and date
 * the engineer knows it by. A former member's files stay the workspace's, and are said to be theirs.
 */
export function uploadChoice(
  upload: { id: string; fileName?: string | null; durationSeconds?: number | null } & Partial<Uploader>,
  when: string,
): UploadChoice {
  const seconds = upload.durationSeconds ?? null;
  const parts = [upload.fileName || `upload ${upload.id.slice(0, 8)}`];
  if (seconds !== null) parts.push(`${seconds.toFixed(1)} s`);
  if (upload.uploadedBy)
    parts.push(
      `by ${(upload.uploadedBy === 'MEMBER' && upload.uploaderEmail) || UPLOADER_WORDS[upload.uploadedBy]}`,
    );
  parts.push(when);
  return { id: upload.id, label: parts.join(' · '), seconds };
}
