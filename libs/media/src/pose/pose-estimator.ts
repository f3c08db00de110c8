import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { Tensor } from '@tensorflow/tfjs-core';
import type {
  EstimatePosesOptions,
  FramePose,
  MoveNetVariant,
  PoseEstimation,
  PoseEstimatorOptions,
} from './pose.types';
import type { RgbFrame } from '../media.types';
import { availableParallelism } from 'os';
import { InvalidMedia, MediaCancelled, NoPersonFound } from '../media.errors';
import { checkPositive, checkWindow } from '../media-options';
import { decodeFrames } from '../ffmpeg/decode-frames';
import { probeMedia } from '../ffmpeg/probe-media';
import { cropAndResize } from './crop-and-resize';
import { fullFrameCrop, nextCropRegion, type CropRegion } from './crop-region';
import { PosePool, planPoseWindow, type PoseWindowPart } from './pose-pool';
import { MOVENET_INPUT_SIZE, loadMoveNet } from './movenet-model';
import { tfWasm } from './tfjs-wasm';

/**
 * A frame counts as "person found" when the mean confidence of its 17 keypoints reaches this. Measured
 * here: MoveNet Lightning gives at most 0.13 (mean 0.12) on an ffmpeg test pattern with nobody in it, and
 * at least 0.26 (mean 0.53) on the pedestrians of OpenCV's vtest.avi; 0.2 sits between.
 */
export const PERSON_CONFIDENCE_THRESHOLD = 0.2;
/** "Most frames": below this share of frames with a person, the video is refused. */
export const DEFAULT_MIN_PERSON_RATIO = 0.5;
/**
 * Frames are decoded at most this large (longest side) before the crop: enough for a 256-pixel crop of a
 * small figure, and a 4K video does not push 25 MB per frame through the pipe.
 */
const MAX_DECODE_SIDE = 640;

/**
 * A loaded MoveNet single-pose model. Load once, estimate many videos, dispose at shutdown. Calls on one
 * estimator run one at a time (the wasm backend is single-threaded anyway).
 */
export class PoseEstimator {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly model: MoveNetVariant,
    private readonly graph: GraphModel,
  ) {}

  static async load(options: PoseEstimatorOptions = {}): Promise<PoseEstimator> {
    const model = options.model ?? 'lightning';
    return new PoseEstimator(model, await loadMoveNet(model));
  }

  /** Poses of the main person at `fps`, in source pixels; refuses with NoPersonFound (see DEFAULT_MIN_PERSON_RATIO). */
  estimate(path: string, opts: EstimatePosesOptions): Promise<PoseEstimation> {
    const run = this.queue.then(() => this.run(path, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.graph.dispose();
  }

  private async run(path: string, opts: EstimatePosesOptions): Promise<PoseEstimation> {
    const {
      fps,
      startSeconds = 0,
      durationSeconds,
      onProgress,
      signal,
      minPersonRatio = DEFAULT_MIN_PERSON_RATIO,
    } = opts;
    checkPositive('fps', fps, 240);
    checkWindow(startSeconds, durationSeconds);
    const probe = await probeMedia(path, { require: 'video', signal });
    const { width, height } = probe.video!;
    const span = Math.max(0, Math.min(durationSeconds ?? Infinity, probe.durationSeconds - startSeconds));
    const total = Math.max(1, Math.round(span * fps));
    const fit = Math.min(1, MAX_DECODE_SIDE / Math.max(width, height));
    const decodeWidth = Math.max(2, Math.round(width * fit));
    const decodeHeight = Math.max(2, Math.round(height * fit));

    const keypoints: number[][][] = [];
    let withPerson = 0;
    let crop = fullFrameCrop(width, height);
    const frames = decodeFrames(path, {
      fps,
      width: decodeWidth,
      height: decodeHeight,
      fit: 'scale',
      startSeconds,
      durationSeconds,
      signal,
    });
    for await (const frame of frames) {
      if (signal?.aborted) throw new MediaCancelled();
      let pose = await this.estimateFrame(frame, crop, width, height);
      // A lost track (crop on the wrong place after a fast move): look at the whole frame again.
      if (meanConfidence(pose) < PERSON_CONFIDENCE_THRESHOLD && !isFullFrame(crop, width, height)) {
        crop = fullFrameCrop(width, height);
        pose = await this.estimateFrame(frame, crop, width, height);
      }
      if (meanConfidence(pose) >= PERSON_CONFIDENCE_THRESHOLD) withPerson += 1;
      crop = nextCropRegion(pose, width, height);
      keypoints.push(pose);
      onProgress?.({ done: keypoints.length, total: Math.max(total, keypoints.length) });
    }
    if (onProgress && keypoints.length < total)
      onProgress({ done: keypoints.length, total: keypoints.length });
    const personFound = withPerson / keypoints.length;
    if (minPersonRatio > 0 && personFound < minPersonRatio)
      throw new NoPersonFound(personFound, minPersonRatio);
    return { fps, keypoints, personFound, model: this.model, width, height };
  }

  /** One frame through MoveNet: the crop resized to the input square (see cropAndResize), then the model. */
  private async estimateFrame(
    frame: RgbFrame,
    crop: CropRegion,
    width: number,
    height: number,
  ): Promise<FramePose> {
    const tf = await tfWasm();
    const size = MOVENET_INPUT_SIZE[this.model];
    const output = tf.tidy(() => {
      const input = tf.tensor4d(cropAndResize(frame, crop, size), [1, size, size, 3], 'int32');
      return this.graph.execute(input) as Tensor;
    });
    // [1, 1, 17, 3]: (y, x, score), y and x normalised to the crop.
    const values = await output.data();
    output.dispose();
    const pose: FramePose = [];
    for (let j = 0; j < 17; j += 1) {
      const y = (crop.yMin + values[j * 3] * crop.height) * height;
      const x = (crop.xMin + values[j * 3 + 1] * crop.width) * width;
      pose.push([clamp(x, 0, width), clamp(y, 0, height), clamp(values[j * 3 + 2], 0, 1)]);
    }
    return pose;
  }
}

function meanConfidence(pose: FramePose): number {
  return pose.reduce((sum, joint) => sum + joint[2], 0) / pose.length;
}

function isFullFrame(crop: CropRegion, width: number, height: number): boolean {
  const full = fullFrameCrop(width, height);
  return (
    crop.yMin === full.yMin &&
    crop.xMin === full.xMin &&
    crop.height === full.height &&
    crop.width === full.width
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

const shared = new Map<MoveNetVariant, Promise<PoseEstimator>>();

/** Threads a window is estimated on by default: every core, up to 4 (past that, ffmpeg needs cores too). */
export const DEFAULT_POSE_THREADS = Math.max(1, Math.min(4, availableParallelism()));

let pool: PosePool | undefined;

/**
 * Estimates a pose track for a video. A window long enough to split (see planPoseWindow) is estimated in
 * parts on the pose pool's threads, `threads` at most (default DEFAULT_POSE_THREADS), and the parts put
 * end to end; otherwise a shared, lazily loaded estimator of the requested model works in this thread.
 */
export async function estimatePoses(path: string, opts: EstimatePosesOptions): Promise<PoseEstimation> {
  const model = opts.model ?? 'lightning';
  const threads = opts.threads ?? DEFAULT_POSE_THREADS;
  if (threads > 1) {
    const plan = await planParts(path, opts, threads);
    if (plan.length > 1) return estimateInParts(path, { ...opts, model }, plan, threads);
  }
  let estimator = shared.get(model);
  if (!estimator) {
    estimator = PoseEstimator.load({ model });
    shared.set(model, estimator);
    estimator.catch(() => shared.delete(model));
  }
  return (await estimator).estimate(path, opts);
}

/** Stops the pose pool's threads (they start again on the next call); for tests and orderly shutdowns. */
export async function closePosePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

async function planParts(
  path: string,
  opts: EstimatePosesOptions,
  threads: number,
): Promise<PoseWindowPart[]> {
  const { fps, startSeconds = 0, durationSeconds, signal } = opts;
  checkPositive('fps', fps, 240);
  checkWindow(startSeconds, durationSeconds);
  const probe = await probeMedia(path, { require: 'video', signal });
  const span = Math.max(0, Math.min(durationSeconds ?? Infinity, probe.durationSeconds - startSeconds));
  const frames = Math.max(1, Math.round(span * fps));
  return planPoseWindow(startSeconds, frames, fps, threads, durationSeconds === undefined);
}

async function estimateInParts(
  path: string,
  opts: EstimatePosesOptions & { model: MoveNetVariant },
  plan: PoseWindowPart[],
  threads: number,
): Promise<PoseEstimation> {
  const { fps, model, onProgress, signal, minPersonRatio = DEFAULT_MIN_PERSON_RATIO } = opts;
  // Sized once: a caller asking for more threads than the pool has queues its parts on the ones there are.
  const posePool = (pool ??= new PosePool(Math.max(threads, DEFAULT_POSE_THREADS)));
  // A part that fails stops the parts after it, whose frames would be thrown away, but not those before
  // it: the earliest failure in the video is the one to report (a file truncated at 4 s fails the part
  // that starts at 6 s first, yet "ends after 4 s" is what is true).
  const stops = plan.map(() => new AbortController());
  const onAbort = () => stops.forEach((stop) => stop.abort());
  signal?.addEventListener('abort', onAbort, { once: true });
  const done = plan.map(() => 0);
  const total = plan.reduce((sum, part) => sum + part.frames, 0);
  const report = () => onProgress?.({ done: done.reduce((a, b) => a + b, 0), total });
  try {
    const settled = await Promise.allSettled(
      plan.map((part, i) =>
        posePool
          .estimate(path, model, fps, part, (frames) => ((done[i] = frames), report()), stops[i].signal)
          .then((result) => ((done[i] = result.keypoints.length), report(), result))
          .catch((error: unknown) => {
            stops.slice(i + 1).forEach((stop) => stop.abort());
            throw error;
          }),
      ),
    );
    if (signal?.aborted) throw new MediaCancelled();
    const failed = settled.find((part) => part.status === 'rejected');
    if (failed) throw failed.reason;
    const parts = settled.map((part) => (part as PromiseFulfilledResult<PoseEstimation>).value);
    const keypoints = parts.flatMap((part) => part.keypoints);
    if (keypoints.length === 0)
      throw new InvalidMedia('MEDIA_CORRUPT', 'The video has no frames to estimate poses on.');
    const personFound =
      parts.reduce((sum, part) => sum + part.personFound * part.keypoints.length, 0) / keypoints.length;
    if (minPersonRatio > 0 && personFound < minPersonRatio)
      throw new NoPersonFound(personFound, minPersonRatio);
    const { width, height } = parts[0];
    return { fps, keypoints, personFound, model, width, height };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
