import type { RatingUploadItemInput, ScoredUploadInputType } from '@/graphql/generated';

// The parts of the "New campaign" form that are lists the engineer grows row by row: items from uploads
// (each a pose track and/or its ground-truth WAV, its video, genre and length, and one clip per baseline
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

export interface CampaignClipRows {
  items: UploadItemRow[];
  /** The baseline systems' labels. */
  baselines: string[];
  gold: ScoredClipRow[];
  anchors: ScoredClipRow[];
}

export const EMPTY_CLIP_ROWS: CampaignClipRows = { items: [], baselines: [], gold: [], anchors: [] };

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
  return {
    baselines,
    items: list(field(parsed, 'items')).map((row) => ({
      poses: text(field(row, 'poses')),
      audio: text(field(row, 'audio')),
      video: text(field(row, 'video')),
      genre: text(field(row, 'genre')),
      seconds: text(field(row, 'seconds')),
      baselines: baselines.map((_, i) => text(list(field(row, 'baselines'))[i])),
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

/** Each baseline system's clips, one per item in the items' order, or the first gap. */
export function baselineClips(rows: CampaignClipRows): Array<{ label: string; uploads: string[] }> | Failure {
  const seen = new Set<string>();
  const out: Array<{ label: string; uploads: string[] }> = [];
  for (const [b, label] of rows.baselines.entries()) {
    if (!label) return { error: `Baseline ${b + 1}: give it a name (raters never see it).` };
    if (seen.has(label)) return { error: `Two baselines are called “${label}”: each needs its own name.` };
    seen.add(label);
    const uploads = rows.items.map((item) => item.baselines[b] ?? '');
    const gap = uploads.findIndex((id) => !id);
    if (gap >= 0) return { error: `Baseline “${label}” needs a clip for item ${gap + 1}.` };
    out.push({ label, uploads });
  }
  return out;
}

/** An upload as the form's pickers offer it. */
export interface UploadChoice {
  id: string;
  label: string;
  /** What the API measured (pose tracks, videos): an item's length defaults to it. */
  seconds: number | null;
}

/** "take-03.wav · 4.0 s · 12 Mar 2026, 10:04 UTC": the name, length and date the engineer knows it by. */
export function uploadChoice(
  upload: { id: string; fileName?: string | null; durationSeconds?: number | null },
  when: string,
): UploadChoice {
  const seconds = upload.durationSeconds ?? null;
  const parts = [upload.fileName || `upload ${upload.id.slice(0, 8)}`];
  if (seconds !== null) parts.push(`${seconds.toFixed(1)} s`);
  parts.push(when);
  return { id: upload.id, label: parts.join(' · '), seconds };
}
