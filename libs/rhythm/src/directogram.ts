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

/**
 * A number in [0, 4) that grows with the angle of (dx, dy) in [0, 2pi) as atan2 taken in [0, 2pi) does,
 * without trigonometry: the position along the unit diamond |x| + |y| = 1, a quarter turn per unit.
 */
export function diamondAngle(dx: number, dy: number): number {
  if (dy >= 0) return dx >= 0 ? dy / (dx + dy) : 1 - dx / (dy - dx);
  return dx < 0 ? 2 - dy / (-dx - dy) : 3 + dx / (dx - dy);
}

/** Diamond angles of the K sector boundaries k 2pi / K, k = 1 .. K - 1 (cached per K). */
const sectorBoundaries = new Map<number, Float64Array>();
function boundariesFor(bins: number): Float64Array {
  let boundaries = sectorBoundaries.get(bins);
  if (!boundaries) {
    // cos and sin of a multiple of a quarter turn are exact 0 and +-1, so those boundaries are too.
    const snap = (v: number): number => (Math.abs(v) < 1e-12 ? 0 : v);
    boundaries = Float64Array.from({ length: bins - 1 }, (_, i) => {
      const angle = ((i + 1) * TWO_PI) / bins;
      return diamondAngle(snap(Math.cos(angle)), snap(Math.sin(angle)));
    });
    sectorBoundaries.set(bins, boundaries);
  }
  return boundaries;
}

/**
 * The `sectors` bin from the diamond angle: the number of sector boundaries at or below it. The same bin as
 * floor(atan2 in [0, 2pi) / (2pi / K)) except for a motion within float rounding of a boundary, where
 * either bin is as right, at a third of the cost of atan2, which was most of the directogram's time.
 */
function sectorBin(dx: number, dy: number, boundaries: Float64Array): number {
  const angle = diamondAngle(dx, dy);
  let bin = 0;
  while (bin < boundaries.length && angle >= boundaries[bin]) bin++;
  return bin;
}

export function angleBin(dx: number, dy: number, bins: number, binning: AngleBinning): number {
  if (binning === 'sectors') return sectorBin(dx, dy, boundariesFor(bins));
  // The released code runs this in float32; float64 here differs only for angles within float32
  // rounding of a whole degree, where either bin is as right.
  const degrees = Math.atan2(dy, dx) * RAD_TO_DEG;
  // Python/torch `%` takes the divisor's sign: a floored modulo, never negative.
  const folded = degrees - Math.floor(degrees / 180) * 180;
  return Math.floor(folded) % bins;
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
  const boundaries = binning === 'sectors' ? boundariesFor(bins) : undefined;
  for (let t = 0; t < frames - 1; t++) {
    const a = t * stride;
    const row = t * bins;
    for (let o = 0; o < stride; o += VALUES_PER_JOINT) {
      if (data[a + o + 2] < confidenceThreshold || data[a + stride + o + 2] < confidenceThreshold) continue;
      const dx = data[a + stride + o] - data[a + o];
      const dy = data[a + stride + o + 1] - data[a + o + 1];
      const magnitude = Math.sqrt(dx * dx + dy * dy);
      if (magnitude === 0) continue;
      const bin = boundaries ? sectorBin(dx, dy, boundaries) : angleBin(dx, dy, bins, binning);
      out[row + bin] += magnitude;
    }
  }
  return out;
}
