import { detectOnsets, writeWav } from '@loris/audio';
import { ArtifactKind } from '@loris/db';
import {
  DEFAULT_MIN_PERSON_RATIO,
  estimatePoses,
  extractAudio,
  extractThumbnail,
  InvalidMedia,
  MODEL_SAMPLE_RATE,
  PERSON_CONFIDENCE_THRESHOLD,
} from '@loris/media';
import { beatsPerSecond, onsetFMeasure } from '@loris/metrics';
import { poseFeatures, visualRhythm } from '@loris/rhythm';
import { encodeNpyFloat32 } from '@loris/synth';
import { IngestTimings } from './ingest-timings';
import { PlannedSegment } from './segment-plan';

/** One file a segment is made of, computed but not stored yet. */
export interface SegmentFile {
  kind: ArtifactKind;
  mediaType: string;
  bytes: Uint8Array;
}

/** What a segment's audio and poses give, with or without a video: everything but the thumbnail. */
export interface AnalysedSegment {
  wav: SegmentFile;
  poses: SegmentFile;
  poseFeatures: SegmentFile | null;
  visualRhythm: SegmentFile | null;
  onsets: SegmentFile;
  flags: string[];
  syncFMeasure: number | null;
}

/** Everything the ingest job makes of one segment, before any of it is stored. */
export interface ProducedSegment extends AnalysedSegment {
  /** None for a segment imported without its video. */
  thumbnail: SegmentFile | null;
}

export interface SegmentSource {
  path: string;
  poseFps: number;
  signal: AbortSignal;
  /** Share of the segment's pose frames estimated so far. */
  onPoseShare?: (share: number) => void;
}

// A segment whose audio or frames stop this far short of its end comes from a truncated file.
const MIN_COVERAGE = 0.98;

const json = (kind: ArtifactKind, value: unknown): SegmentFile => ({
  kind,
  mediaType: 'application/json',
  bytes: Buffer.from(JSON.stringify(value)),
});

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * What a segment is computed from: its audio (22050 Hz mono) and its pose frames, read from the video or
 * sliced out of a longer window that holds it.
 */
export interface SegmentWindow {
  startSeconds: number;
  lengthSeconds: number;
  /** COCO-17 keypoints per frame at the dataset's pose rate, rounded as stored. */
  keypoints: number[][][];
  samples: Float32Array;
}

/**
 * The files of one segment of a video: its audio at 22050 Hz mono and COCO-17 poses at the dataset's pose
 * rate, what they give (analyseSegment: features, rhythm, onsets and the sync cue, the strict onset
 * F-measure of the onsets against the rhythm peaks, +-70 ms), and a JPEG thumbnail. A segment inside
 * `cover` (a 25 s half of a 50 s segment just made) reuses its poses and audio instead of estimating them
 * again: MoveNet is nearly all of an ingest's time. Returns the window it used, to cover the next segments.
 */
export async function produceSegment(
  source: SegmentSource,
  segment: PlannedSegment,
  timings: IngestTimings,
  cover?: SegmentWindow,
): Promise<{ produced: ProducedSegment; window: SegmentWindow }> {
  const thumbnail = timings.time('thumbnail', () =>
    extractThumbnail(source.path, {
      atSeconds: segment.startSeconds + segment.lengthSeconds / 2,
      signal: source.signal,
    }),
  );
  thumbnail.catch(() => undefined); // awaited below; observed now so a failure elsewhere leaves no stray rejection
  const window =
    (cover && sliceWindow(cover, segment, source.poseFps)) ?? (await readWindow(source, segment, timings));
  const analysed = await analyseSegment(window, source.poseFps, timings);
  const produced: ProducedSegment = {
    ...analysed,
    thumbnail: { kind: ArtifactKind.THUMBNAIL, mediaType: 'image/jpeg', bytes: await thumbnail },
  };
  return { produced, window };
}

/**
 * The files a segment's audio (22050 Hz mono) and poses give: the WAV, the pose track as it is, the pose
 * features and the paper's visual rhythm (none when no person is found: the segment is flagged
 * "no_person"), the audio onsets with beats per second, and the sync cue. The ingest of a video and the
 * import of a precomputed segment (ingest-segment) both make their segments here.
 */
export async function analyseSegment(
  window: Pick<SegmentWindow, 'keypoints' | 'samples'>,
  poseFps: number,
  timings: IngestTimings,
): Promise<AnalysedSegment> {
  const { samples, keypoints } = window;
  const track = { fps: poseFps, keypoints };
  const onsets = await timings.time('onsets', () => detectOnsets(samples, MODEL_SAMPLE_RATE));
  const person = personShare(keypoints) >= DEFAULT_MIN_PERSON_RATIO;
  const analysed = person
    ? await timings.time('featuresAndRhythm', () => ({
        features: poseFeatures(track),
        rhythm: visualRhythm(track, { variant: 'paper' }),
      }))
    : null;
  const syncFMeasure = analysed ? onsetFMeasure(analysed.rhythm.peakTimes, onsets.onsetTimes).fMeasure : null;
  return {
    wav: {
      kind: ArtifactKind.SEGMENT_WAV,
      mediaType: 'audio/wav',
      bytes: writeWav({ sampleRate: MODEL_SAMPLE_RATE, channels: [samples] }),
    },
    poses: json(ArtifactKind.SEGMENT_POSES, track),
    poseFeatures: analysed
      ? {
          kind: ArtifactKind.POSE_FEATURES,
          mediaType: 'application/x-npy',
          bytes: encodeNpyFloat32(analysed.features.data, [analysed.features.frames, analysed.features.dims]),
        }
      : null,
    visualRhythm: analysed
      ? json(ArtifactKind.VISUAL_RHYTHM, {
          variant: analysed.rhythm.variant,
          params: analysed.rhythm.params,
          fps: analysed.rhythm.fps,
          frameOffset: analysed.rhythm.frameOffset,
          envelope: Array.from(analysed.rhythm.envelope, (v) => round(v, 4)),
          peakFrames: analysed.rhythm.peakFrames,
          peakTimes: analysed.rhythm.peakTimes.map((t) => round(t, 4)),
        })
      : null,
    onsets: json(ArtifactKind.AUDIO_ONSETS, {
      sampleRate: MODEL_SAMPLE_RATE,
      hopLength: onsets.hopLength,
      onsetTimes: onsets.onsetTimes.map((t) => round(t, 4)),
      beatsPerSecond: Array.from(beatsPerSecond(onsets.onsetTimes, samples.length, MODEL_SAMPLE_RATE)),
    }),
    flags: person ? [] : ['no_person'],
    syncFMeasure,
  };
}

/**
 * Reads a segment's audio and poses from the video: ffmpeg extracts the audio while MoveNet works on the
 * frames, so both cores have work. Refuses with InvalidMedia when the file ends before the segment does.
 */
async function readWindow(
  source: SegmentSource,
  segment: PlannedSegment,
  timings: IngestTimings,
): Promise<SegmentWindow> {
  const { path, poseFps, signal } = source;
  const span = { startSeconds: segment.startSeconds, durationSeconds: segment.lengthSeconds, signal };
  const audio = timings.time('audio', () => extractAudio(path, { ...span, sampleRate: MODEL_SAMPLE_RATE }));
  audio.catch(() => undefined); // awaited below, after the poses
  const estimation = await timings.time('poses', () =>
    estimatePoses(path, {
      ...span,
      fps: poseFps,
      minPersonRatio: 0,
      onProgress: ({ done, total }) => source.onPoseShare?.(done / Math.max(1, total)),
    }),
  );
  if (estimation.keypoints.length < MIN_COVERAGE * segment.lengthSeconds * poseFps) {
    throw truncated(segment, estimation.keypoints.length / poseFps);
  }
  const samples = (await audio).channels[0];
  if (samples.length < MIN_COVERAGE * segment.lengthSeconds * MODEL_SAMPLE_RATE) {
    throw truncated(segment, samples.length / MODEL_SAMPLE_RATE);
  }
  // Stored rounded (0.1 px, confidence to 0.001), and the features and rhythm computed from what is stored.
  const keypoints = estimation.keypoints.map((frame) =>
    frame.map(([x, y, c]) => [round(x, 1), round(y, 1), round(c, 3)]),
  );
  return { startSeconds: segment.startSeconds, lengthSeconds: segment.lengthSeconds, keypoints, samples };
}

/** The part of `cover` that is `segment`, or null when the segment is not inside it. */
export function sliceWindow(
  cover: SegmentWindow,
  segment: PlannedSegment,
  poseFps: number,
): SegmentWindow | null {
  const offset = segment.startSeconds - cover.startSeconds;
  if (offset < 0 || offset + segment.lengthSeconds > cover.lengthSeconds) return null;
  const firstFrame = Math.round(offset * poseFps);
  const firstSample = Math.round(offset * MODEL_SAMPLE_RATE);
  return {
    startSeconds: segment.startSeconds,
    lengthSeconds: segment.lengthSeconds,
    keypoints: cover.keypoints.slice(firstFrame, firstFrame + Math.round(segment.lengthSeconds * poseFps)),
    samples: cover.samples.slice(firstSample, firstSample + segment.lengthSeconds * MODEL_SAMPLE_RATE),
  };
}

/** Share of frames with a person in them, as libs/media counts it (mean keypoint confidence). */
function personShare(keypoints: number[][][]): number {
  if (keypoints.length === 0) return 0;
  const seen = keypoints.filter(
    (frame) => frame.reduce((sum, joint) => sum + joint[2], 0) / frame.length >= PERSON_CONFIDENCE_THRESHOLD,
  ).length;
  return seen / keypoints.length;
}

function truncated(segment: PlannedSegment, seconds: number): InvalidMedia {
  const end = segment.startSeconds + segment.lengthSeconds;
  return new InvalidMedia(
    'MEDIA_CORRUPT',
    `The video stops at ${(segment.startSeconds + seconds).toFixed(1)} s although it says it lasts past ${end} s: ` +
      'the file is truncated or damaged. Upload it again whole.',
  );
}
