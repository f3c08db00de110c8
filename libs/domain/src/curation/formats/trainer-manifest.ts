// The trainer's manifest (apps/trainer/loris_trainer/data.py read_manifest) as an export writes it, and the
// one conversion between what ingest stores and what the trainer reads. Ingest stores the audio as a
// 22050 Hz mono WAV (the trainer resamples), the poses as {fps, keypoints} JSON and the pose features as a
// float32 [frames, 68] .npy (pose-kinematics-v1): the trainer reads all three as they are. The visual
// rhythm is stored with its peaks as frame numbers (peakFrames, frameOffset 1); the trainer wants the
// binary vector over the envelope's frames (`peaks`), so it is rebuilt from them.

/** The trainer's split names for the API's. */
export const TRAINER_SPLITS: Readonly<Record<string, 'train' | 'val' | 'test'>> = {
  TRAIN: 'train',
  VALID: 'val',
  TEST: 'test',
};

/** The pose-kinematics-v1 width the trainer checks (POSE_FEATURE_DIM). */
export const POSE_FEATURE_DIM = 68;

/** One line of manifest.jsonl; paths relative to the manifest's folder. */
export interface TrainerManifestLine {
  id: string;
  audio: string;
  poses: string;
  features: string;
  rhythm: string | null;
  genre: string;
  split: 'train' | 'val' | 'test';
  seconds: number;
  /** Where it was cut from, so an example can be traced to its source video. */
  videoId: string;
  startSeconds: number;
}

/**
 * A segment of a version as an export reads it: `Media` is how one of its stored files is reached (the
 * server's blob address and size).
 */
export interface ExportedSegment<Media = unknown> {
  id: string;
  videoId: string;
  startSeconds: number;
  lengthSeconds: number;
  /** The dataset category (DANCE, FLOOR_EXERCISE, FIGURE_SKATING). */
  category: string;
  genre: string | null;
  flags: string[];
  audio: Media;
  poses: Media | null;
  poseFeatures: Media | null;
  visualRhythm: Media | null;
  i3dFeatures: Media | null;
}

/** A member of a frozen version: its split (TRAIN, VALID, TEST) and its segment, in the version's order. */
export interface ExportedMember<Media = unknown> {
  split: string;
  segment: ExportedSegment<Media>;
}

/**
 * Why a segment cannot be a training example, or null when it can: the trainer needs a genre and the pose
 * features of every example (a segment where no person was found has neither features nor rhythm). A
 * frozen segment's genre can no longer be set, so the export leaves such a segment out and says so.
 */
export function untrainableReason(segment: ExportedSegment): string | null {
  if (!segment.genre) return 'it has no genre (the trainer needs one; set genres before freezing a version)';
  if (!segment.poses) return 'it has no poses';
  if (!segment.poseFeatures) {
    return segment.flags.includes('no_person')
      ? 'no person was found in it, so it has no pose features or rhythm to train on'
      : 'it has no pose features';
  }
  return null;
}

/** The manifest line of a segment whose files are written as audio/<id>.wav, poses/<id>.json, ... */
export function manifestLine(segment: ExportedSegment, split: string): TrainerManifestLine {
  const trainerSplit = TRAINER_SPLITS[split];
  if (!trainerSplit) throw new Error(`unknown split ${split}`);
  return {
    id: segment.id,
    audio: `audio/${segment.id}.wav`,
    poses: `poses/${segment.id}.json`,
    features: `features/${segment.id}.npy`,
    rhythm: segment.visualRhythm ? `rhythm/${segment.id}.json` : null,
    genre: segment.genre!,
    split: trainerSplit,
    seconds: segment.lengthSeconds,
    videoId: segment.videoId,
    startSeconds: segment.startSeconds,
  };
}

/** The rhythm file the trainer reads (loris_trainer.rhythm.Rhythm.to_json). */
export interface TrainerRhythm {
  variant: string;
  fps: number;
  envelope: number[];
  peaks: number[];
}

/**
 * The stored visual rhythm ({variant, fps, frameOffset, envelope, peakFrames, ...}) as the trainer's
 * {variant, fps, envelope, peaks}: peaks[i] is 1 where pose frame i + frameOffset is a peak. Throws with
 * what is wrong when the stored file is not that shape.
 */
export function trainerRhythm(stored: unknown): TrainerRhythm {
  const rhythm = stored as Partial<
    Record<'variant' | 'fps' | 'frameOffset' | 'envelope' | 'peakFrames', unknown>
  >;
  const isNumbers = (value: unknown): value is number[] =>
    Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (typeof rhythm?.variant !== 'string') throw new Error('the visual rhythm names no variant');
  if (typeof rhythm.fps !== 'number' || !(rhythm.fps > 0)) throw new Error('the visual rhythm has no fps');
  if (!isNumbers(rhythm.envelope)) throw new Error('the visual rhythm has no envelope');
  if (!isNumbers(rhythm.peakFrames)) throw new Error('the visual rhythm has no peakFrames');
  const offset = typeof rhythm.frameOffset === 'number' ? rhythm.frameOffset : 1;
  const peaks = new Array<number>(rhythm.envelope.length).fill(0);
  for (const frame of rhythm.peakFrames) {
    const index = frame - offset;
    if (!Number.isInteger(index) || index < 0 || index >= peaks.length) {
      throw new Error(
        `the visual rhythm's peak frame ${frame} is outside its ${peaks.length} envelope values`,
      );
    }
    peaks[index] = 1;
  }
  return { variant: rhythm.variant, fps: rhythm.fps, envelope: rhythm.envelope, peaks };
}

/**
 * Checks that a .npy file's header says float32 [frames, 68] in C order, as the trainer loads features;
 * returns the frame count. Throws with what the header says otherwise.
 */
export function poseFeatureFrames(head: Uint8Array): number {
  const bytes = Buffer.from(head);
  if (bytes.length < 10 || bytes[0] !== 0x93 || bytes.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new Error('the pose features are not a .npy file');
  }
  const headerLength = bytes[6] === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = bytes[6] === 1 ? 10 : 12;
  const header = bytes.toString('latin1', start, start + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  const dims = (shape ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map(Number);
  if (
    descr !== '<f4' ||
    fortran !== 'False' ||
    dims.length !== 2 ||
    dims[1] !== POSE_FEATURE_DIM ||
    !(dims[0] > 0)
  ) {
    throw new Error(
      `the pose features must be float32 [frames, ${POSE_FEATURE_DIM}] in C order; the file's header says ${header.trim()}`,
    );
  }
  return dims[0];
}
