import { JOINT_COUNT, type PackedPoseTrack, VALUES_PER_JOINT } from './pose-track';

/**
 * How a motion's angle picks its bin.
 * - `sectors`: K equal sectors of the full circle, [k 2pi/K, (k+1) 2pi/K) for atan2(dy, dx) taken in
 *   [0, 2pi): the sector width 2pi/K of the paper's eq. 5, made a partition so each motion counts once.
 * - `degrees`: the released LORIS code, floor(degrees(atan2(dy, dx)) mod 180) mod K, i.e. whole degrees
 *   folded onto a half circle and then taken modulo K (fixtures README, point 1).
 * Angles are in image coordinates (x right, y down), as the keypoints are.
 */
export type AngleBinning = 'sectors' | 'degrees';

const TWO_PI = 2 * Math.PI;
const RAD_TO_DEG = 180 / Math.PI;

export function angleBin(dx: number, dy: number, bins: number, binning: AngleBinning): number {
  const angle = Math.atan2(dy, dx);
  if (binning === 'degrees') {
    // The released code runs this in float32; float64 here differs only for angles within float32
    // rounding of a whole degree, where either bin is as right.
    const degrees = angle * RAD_TO_DEG;
    // Python/torch `%` takes the divisor's sign: a floored modulo, never negative.
    const folded = degrees - Math.floor(degrees / 180) * 180;
    return Math.floor(folded) % bins;
  }
  const turn = angle < 0 ? angle + TWO_PI : angle;
  return Math.min(Math.floor(turn / (TWO_PI / bins)), bins - 1);
}

/**
 * Directogram of a pose track (paper eq. 4): D[t][k] sums the lengths of the joint motions
 * M(t, j) = P(t + 1, j) - P(t, j) whose angle falls in bin k. A joint below the confidence threshold in
 * either frame contributes no motion. Returns T - 1 rows of K bins, row-major.
 */
export function directogram(
  track: PackedPoseTrack,
  bins: number,
  binning: AngleBinning,
  confidenceThreshold: number,
): Float64Array {
  const { frames, data } = track;
  const stride = JOINT_COUNT * VALUES_PER_JOINT;
  const out = new Float64Array((frames - 1) * bins);
  for (let t = 0; t < frames - 1; t++) {
    const a = t * stride;
    const row = t * bins;
    for (let o = 0; o < stride; o += VALUES_PER_JOINT) {
      if (data[a + o + 2] < confidenceThreshold || data[a + stride + o + 2] < confidenceThreshold) continue;
      const dx = data[a + stride + o] - data[a + o];
      const dy = data[a + stride + o + 1] - data[a + o + 1];
      const magnitude = Math.sqrt(dx * dx + dy * dy);
      if (magnitude === 0) continue;
      out[row + angleBin(dx, dy, bins, binning)] += magnitude;
    }
  }
  return out;
}
