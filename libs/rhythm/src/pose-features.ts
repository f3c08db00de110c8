import { DEFAULT_CONFIDENCE_THRESHOLD, JOINT_COUNT, packPoseTrack, VALUES_PER_JOINT } from './pose-track';
import { InvalidRhythmOptions } from './rhythm.errors';

export const POSE_FEATURES_KIND = 'pose-kinematics-v1';
/** 17 joints x (x, y) positions, then the same for velocities. */
export const POSE_FEATURES_DIM = 2 * 2 * JOINT_COUNT;

const L_SHOULDER = 5;
const R_SHOULDER = 6;
const L_HIP = 11;
const R_HIP = 12;
const MIN_SCALE = 1e-6;
/** Velocities are expressed per 1/30 s so tracks at different fps give comparable magnitudes. */
const VELOCITY_REFERENCE_FPS = 30;

export interface PoseFeatures {
  kind: typeof POSE_FEATURES_KIND;
  fps: number;
  frames: number;
  dims: typeof POSE_FEATURES_DIM;
  /** Row-major [frames][68]: 34 normalised positions (x0, y0, x1, ...) then 34 velocities. */
  data: Float32Array;
}

export interface PoseFeaturesOptions {
  confidenceThreshold?: number;
}

export function checkConfidenceThreshold(threshold: number): number {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new InvalidRhythmOptions(
      'RHYTHM_OPTION_INVALID',
      `confidenceThreshold must be in [0, 1], got ${threshold}`,
    );
  }
  return threshold;
}

/**
 * The `pose-kinematics-v1` visual features (shared-formats.md): body-centred, torso-scaled joint
 * positions and their velocities, one 68-value row per pose frame. Values are computed in float64 and
 * stored as float32, the dtype of the dataset's `features/<id>.npy`.
 */
export function poseFeatures(track: unknown, options: PoseFeaturesOptions = {}): PoseFeatures {
  const threshold = checkConfidenceThreshold(options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD);
  const { fps, frames, data: kp } = packPoseTrack(track, { minFrames: 1 });
  const out = new Float32Array(frames * POSE_FEATURES_DIM);
  const velocityScale = fps / VELOCITY_REFERENCE_FPS;
  let prev = new Float64Array(2 * JOINT_COUNT);
  let cur = new Float64Array(2 * JOINT_COUNT);
  let prevConfident = new Uint8Array(JOINT_COUNT);
  let confident = new Uint8Array(JOINT_COUNT);
  let cx = 0;
  let cy = 0;
  let scale = 1;

  for (let t = 0; t < frames; t++) {
    const base = t * JOINT_COUNT * VALUES_PER_JOINT;
    let count = 0;
    let sumX = 0;
    let sumY = 0;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let j = 0; j < JOINT_COUNT; j++) {
      const o = base + j * VALUES_PER_JOINT;
      const ok = kp[o + 2] >= threshold;
      confident[j] = ok ? 1 : 0;
      if (!ok) continue;
      count++;
      sumX += kp[o];
      sumY += kp[o + 1];
      if (kp[o + 1] < minY) minY = kp[o + 1];
      if (kp[o + 1] > maxY) maxY = kp[o + 1];
    }
    // A frame with no confident joint keeps the previous centre and scale (shared-formats.md).
    if (count > 0) {
      const hips = midpoint(kp, base, confident, L_HIP, R_HIP);
      const shoulders = midpoint(kp, base, confident, L_SHOULDER, R_SHOULDER);
      if (hips) {
        cx = hips[0];
        cy = hips[1];
      } else {
        cx = sumX / count;
        cy = sumY / count;
      }
      const torso = hips && shoulders ? Math.hypot(shoulders[0] - hips[0], shoulders[1] - hips[1]) : null;
      scale = Math.max(torso ?? (maxY - minY) / 3, MIN_SCALE);
    }
    const row = t * POSE_FEATURES_DIM;
    for (let j = 0; j < JOINT_COUNT; j++) {
      const o = base + j * VALUES_PER_JOINT;
      const px = confident[j] ? (kp[o] - cx) / scale : 0;
      const py = confident[j] ? (kp[o + 1] - cy) / scale : 0;
      cur[2 * j] = px;
      cur[2 * j + 1] = py;
      out[row + 2 * j] = px;
      out[row + 2 * j + 1] = py;
      if (t > 0 && confident[j] && prevConfident[j]) {
        out[row + 2 * JOINT_COUNT + 2 * j] = (px - prev[2 * j]) * velocityScale;
        out[row + 2 * JOINT_COUNT + 2 * j + 1] = (py - prev[2 * j + 1]) * velocityScale;
      }
    }
    [prev, cur] = [cur, prev];
    [prevConfident, confident] = [confident, prevConfident];
  }
  return { kind: POSE_FEATURES_KIND, fps, frames, dims: POSE_FEATURES_DIM, data: out };
}

/** Mean of the confident ones of two joints, or null when neither is confident. */
function midpoint(
  kp: Float64Array,
  base: number,
  confident: Uint8Array,
  a: number,
  b: number,
): [number, number] | null {
  const oa = base + a * VALUES_PER_JOINT;
  const ob = base + b * VALUES_PER_JOINT;
  if (confident[a] && confident[b]) return [(kp[oa] + kp[ob]) / 2, (kp[oa + 1] + kp[ob + 1]) / 2];
  if (confident[a]) return [kp[oa], kp[oa + 1]];
  if (confident[b]) return [kp[ob], kp[ob + 1]];
  return null;
}
