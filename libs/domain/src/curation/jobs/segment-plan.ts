import { DatasetCategory } from '@loris/db';

/** The paper's segment lengths (section 4.1), in seconds. */
export const SEGMENT_LENGTHS = [25, 50] as const;
export type SegmentLength = (typeof SEGMENT_LENGTHS)[number];

/** Seconds dropped at each end of a sports video: intros and outros are not the routine (section 4.1). */
export const SPORTS_TRIM_SECONDS = 5;

/** What a video may be at most; over it the ingest job refuses rather than cut for hours. */
export interface IngestLimits {
  maxBytes: number;
  maxSeconds: number;
}

/** Four hours and 8 GiB: a whole competition session, well beyond any single routine or dance. */
export const DEFAULT_INGEST_LIMITS: IngestLimits = { maxBytes: 8 * 1024 ** 3, maxSeconds: 4 * 3600 };

/** What the probe of a video said, and its size. */
export interface ProbedVideo {
  durationSeconds: number;
  hasVideo: boolean;
  hasAudio: boolean;
  bytes: number;
}

export interface PlannedSegment {
  startSeconds: number;
  lengthSeconds: SegmentLength;
}

/** Why a video gets no segments: a code for programs and a sentence for the curator. */
export interface IngestRefusal {
  code: 'NOT_A_VIDEO' | 'NO_AUDIO' | 'TOO_SHORT' | 'TOO_LARGE' | 'TOO_LONG';
  reason: string;
}

export type SegmentPlan = { segments: PlannedSegment[] } | { refusal: IngestRefusal };

/**
 * The segments of a video, in the paper's recipe: sports footage (floor exercise, figure skating) loses its
 * first and last SPORTS_TRIM_SECONDS; what is left is cut into back-to-back, non-overlapping segments of
 * each of the dataset's lengths (a trailing remainder shorter than a segment is dropped). A video that
 * cannot give one segment, has no audio (no music to learn), or is over the limits is refused, with the
 * reason in words.
 */
export function planSegments(
  video: ProbedVideo,
  dataset: { category: DatasetCategory; segmentLengths: readonly number[] },
  limits: IngestLimits = DEFAULT_INGEST_LIMITS,
): SegmentPlan {
  if (!video.hasVideo) return refuse('NOT_A_VIDEO', 'The file has no video stream.');
  if (video.bytes > limits.maxBytes) {
    return refuse(
      'TOO_LARGE',
      `The video is ${gib(video.bytes)}; at most ${gib(limits.maxBytes)} is ingested.`,
    );
  }
  if (video.durationSeconds > limits.maxSeconds) {
    return refuse(
      'TOO_LONG',
      `The video lasts ${minutes(video.durationSeconds)}; at most ${minutes(limits.maxSeconds)} is ingested. ` +
        'Cut it into shorter files.',
    );
  }
  if (!video.hasAudio) {
    return refuse(
      'NO_AUDIO',
      'The video has no audio stream, so there is no music to pair with the movement.',
    );
  }
  const trim = dataset.category === DatasetCategory.DANCE ? 0 : SPORTS_TRIM_SECONDS;
  const usable = video.durationSeconds - 2 * trim;
  const lengths = [...new Set(dataset.segmentLengths)].sort((a, b) => a - b) as SegmentLength[];
  const segments: PlannedSegment[] = [];
  for (const length of lengths) {
    // A hair of tolerance: containers round durations, and a 25.000 s clip may probe as 24.9995 s.
    const count = Math.floor((usable + 1e-3) / length);
    for (let i = 0; i < count; i += 1)
      segments.push({ startSeconds: trim + i * length, lengthSeconds: length });
  }
  if (segments.length === 0) {
    const shortest = lengths[0];
    const needed = shortest + 2 * trim;
    return refuse(
      'TOO_SHORT',
      `The video lasts ${video.durationSeconds.toFixed(1)} s, shorter than one ${shortest} s segment` +
        (trim ? ` after dropping ${trim} s at each end (${needed} s needed).` : '.'),
    );
  }
  return { segments };
}

function refuse(code: IngestRefusal['code'], reason: string): SegmentPlan {
  return { refusal: { code, reason } };
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;
