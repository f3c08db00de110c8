// The model's conditions from a pose track, computed exactly as the trainer computes them from a dataset
// example (docs/model-contract.md): the track at the model's pose fps and cut to the requested length,
// the visual rhythm with the model's variant and parameters, pose-kinematics-v1 features, both resampled
// to the contract's per-second rates.
import {
  packPoseTrack,
  poseFeatures,
  POSE_FEATURES_DIM,
  POSE_FEATURES_KIND,
  type PackedPoseTrack,
  type PoseTrack,
  resampleLinear,
  resamplePeaks,
  type RhythmOptions,
  visualRhythm,
} from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { checkRequest, RequestLengths } from '../model/check-request';
import { ModelContract, RhythmSettings } from '../model/model-contract';

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
  const frames = Math.max(1, Math.round((track.frames * fps) / track.fps));
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

function unpack(track: PackedPoseTrack, frames: number): PoseTrack {
  const keypoints: number[][][] = [];
  for (let t = 0; t < frames; t++) {
    const row: number[][] = [];
    for (let j = 0; j < JOINT_VALUES; j += 3) {
      const at = t * JOINT_VALUES + j;
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
 * Conditions for `seconds` of audio from a pose track (any fps; validated by libs/rhythm, whose
 * InvalidPoseTrack says what is wrong with it) and a genre.
 */
export function conditionsFromPoses(
  contract: ModelContract,
  poses: unknown,
  genre: string,
  seconds: number,
): ModelConditions {
  const lengths = checkRequest(contract, {
    genre,
    seconds,
    rhythmVariant: contract.rhythm.variant,
    visualKind: POSE_FEATURES_KIND,
    visualDim: POSE_FEATURES_DIM,
  });
  const threshold = contract.rhythm.confidenceThreshold;
  const track = resamplePoseTrack(packPoseTrack(poses, { minFrames: 3 }), contract.pose.fps, threshold);
  const frames = Math.round(seconds * track.fps);
  if (track.frames < frames) {
    const covered = (track.frames / track.fps).toFixed(2);
    throw new InvalidRequestError('seconds', `is ${seconds}, but the pose track covers only ${covered} s`);
  }
  const clip = unpack(track, Math.max(frames, 3));

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
