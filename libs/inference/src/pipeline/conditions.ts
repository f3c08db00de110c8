// The model's conditions from a pose track, computed exactly as the trainer computes them from a dataset
// example (docs/model-contract.md): the track at the model's pose fps and cut to the requested length,
// the visual rhythm with the model's variant and parameters, pose-kinematics-v1 features, both resampled
// to the contract's per-second rates.
import {
  packPoseTrack,
  poseFeatures,
  type PackedPoseTrack,
  type PoseTrack,
  resampleLinear,
  resamplePeaks,
  type RhythmOptions,
  visualRhythm,
} from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { checkPoseRequest, RequestLengths, requestLengths } from '../model/check-request';
import { ModelContract, RhythmSettings } from '../model/model-contract';
import { MIN_POSE_FRAMES } from '../request/parse-pose-track';
import { checkInputCovers, framesAt, packedTrackSeconds } from '../request/pose-track-seconds';

export interface ModelConditions {
  lengths: RequestLengths;
  /** [visualFrames][visual.dim], row-major. */
  visual: Float32Array;
  /** [rhythmTokens], binary. */
  rhythm: Float32Array;
  /** Index of the genre in the model's vocabulary. */
  genre: number;
}

const JOINT_VALUES = 17 * 3;
const CONFIDENCE = 2;

/**
 * The track at `fps`, covering the same T / fps seconds: frame t' sits at time t' / fps and takes the
 * linear interpolation of the two source frames around it (the last one held), joint by joint; where
 * either neighbour is below the confidence threshold the nearer frame is copied instead, so a lost joint
 * never drags a confident one towards (0, 0).
 */
export function resamplePoseTrack(track: PackedPoseTrack, fps: number, threshold: number): PackedPoseTrack {
  if (track.fps === fps) return track;
  // framesAt of the track's seconds, as checkInputCovers measures it: a length checked there fits here.
  const frames = framesAt(packedTrackSeconds(track), fps);
  const data = new Float64Array(frames * JOINT_VALUES);
  for (let t = 0; t < frames; t++) {
    const position = Math.min((t * track.fps) / fps, track.frames - 1);
    const t0 = Math.floor(position);
    const t1 = Math.min(t0 + 1, track.frames - 1);
    const w = position - t0;
    for (let j = 0; j < JOINT_VALUES; j += 3) {
      const a = t0 * JOINT_VALUES + j;
      const b = t1 * JOINT_VALUES + j;
      const out = t * JOINT_VALUES + j;
      const bothConfident =
        track.data[a + CONFIDENCE] >= threshold && track.data[b + CONFIDENCE] >= threshold;
      for (let c = 0; c < 3; c++) {
        data[out + c] = bothConfident
          ? track.data[a + c] + w * (track.data[b + c] - track.data[a + c])
          : track.data[(w < 0.5 ? a : b) + c];
      }
    }
  }
  return { fps, frames, data };
}

/**
 * The first `frames` frames as a PoseTrack. Past the track's end the last frame is held: a track of 3
 * frames at 60 fps has 2 at 30 fps, and the rhythm needs MIN_POSE_FRAMES.
 */
function unpack(track: PackedPoseTrack, frames: number): PoseTrack {
  const keypoints: number[][][] = [];
  for (let t = 0; t < frames; t++) {
    const row: number[][] = [];
    const source = Math.min(t, track.frames - 1);
    for (let j = 0; j < JOINT_VALUES; j += 3) {
      const at = source * JOINT_VALUES + j;
      row.push([track.data[at], track.data[at + 1], track.data[at + 2]]);
    }
    keypoints.push(row);
  }
  return { fps: track.fps, keypoints };
}

/** The contract's rhythm settings as libs/rhythm options. */
export function rhythmOptions(settings: RhythmSettings): RhythmOptions {
  const windows = {
    bins: settings.bins,
    preMax: settings.preMax,
    postMax: settings.postMax,
    preAvg: settings.preAvg,
    postAvg: settings.postAvg,
    confidenceThreshold: settings.confidenceThreshold,
  };
  if (settings.variant === 'reference')
    return { variant: 'reference', ...windows, threshold: settings.delta };
  if (settings.variant === 'paper')
    return { variant: 'paper', ...windows, delta: settings.delta, wait: settings.wait };
  throw new InvalidRequestError(
    'rhythm.variant',
    `"${settings.variant}" is not a rhythm variant this platform computes`,
  );
}

/**
 * Conditions for `seconds` of audio from a pose track (any fps, parsed or packed; validated by libs/rhythm,
 * whose InvalidPoseTrack says what is wrong with it) and a genre. Checks the request the way
 * resolveSoundtrackRequest does; generateSoundtrack, which has already resolved it, uses trackConditions.
 */
export function conditionsFromPoses(
  contract: ModelContract,
  poses: unknown,
  genre: string,
  seconds: number,
): ModelConditions {
  checkPoseRequest(contract, genre, seconds);
  const track = packPoseTrack(poses, { minFrames: MIN_POSE_FRAMES });
  checkInputCovers(seconds, packedTrackSeconds(track), contract.pose.fps);
  return trackConditions(contract, track, genre, seconds);
}

/**
 * Conditions from a validated track for a request already checked against the model and the track's
 * length (resolveSoundtrackRequest or conditionsFromPoses): the track at the model's pose fps, cut to
 * `seconds`, its features and visual rhythm at the contract's rates, and the genre's index.
 */
export function trackConditions(
  contract: ModelContract,
  packed: PackedPoseTrack,
  genre: string,
  seconds: number,
): ModelConditions {
  const lengths = requestLengths(contract, seconds);
  const threshold = contract.rhythm.confidenceThreshold;
  const track = resamplePoseTrack(packed, contract.pose.fps, threshold);
  const frames = framesAt(seconds, track.fps);
  if (track.frames < frames) {
    // checkInputCovers measures with the same framesAt, so only a caller that skipped it gets here.
    throw new RangeError(`${seconds} s need ${frames} pose frames; the track has ${track.frames}`);
  }
  const clip = unpack(track, Math.max(frames, MIN_POSE_FRAMES));

  const features = poseFeatures(clip, { confidenceThreshold: threshold });
  const rows = Array.from({ length: features.frames }, (_, t) =>
    features.data.subarray(t * features.dims, (t + 1) * features.dims),
  );
  const visual = new Float32Array(lengths.visualFrames * features.dims);
  resampleLinear(rows, lengths.visualFrames).forEach((row, i) => visual.set(row, i * features.dims));

  const rhythm = visualRhythm(clip, rhythmOptions(contract.rhythm));
  return {
    lengths,
    visual,
    rhythm: Float32Array.from(resamplePeaks(rhythm.peaks, lengths.rhythmTokens)),
    genre: contract.genres.indexOf(genre),
  };
}
