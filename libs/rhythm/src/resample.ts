import { InvalidResampleInput } from './rhythm.errors';

/*
 * Resampling of rhythm conditions to a model's context length (shared-formats.md), mirrored by the
 * trainer: the same index arithmetic on both sides keeps a checkpoint's inputs identical.
 */

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 1) {
    throw new InvalidResampleInput(
      'RESAMPLE_BAD_LENGTH',
      `target length must be a positive integer, got ${length}`,
    );
  }
}

function checkNotEmpty(n: number): void {
  if (n < 1) throw new InvalidResampleInput('RESAMPLE_EMPTY_INPUT', 'cannot resample an empty signal');
}

/** Source position of output i: i * (T - 1) / (L - 1), multiplied first as the trainer does. */
function sourcePosition(i: number, frames: number, length: number): number {
  return length === 1 ? 0 : (i * (frames - 1)) / (length - 1);
}

function linear1d(x: ArrayLike<number>, length: number): Float64Array {
  const frames = x.length;
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const pos = sourcePosition(i, frames, length);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, frames - 1);
    const frac = pos - lo;
    out[i] = frac === 0 ? x[lo] : x[lo] + (x[hi] - x[lo]) * frac;
  }
  return out;
}

function linear2d(frames: ArrayLike<ArrayLike<number>>, length: number): Float64Array[] {
  const count = frames.length;
  const dims = frames[0].length;
  for (let t = 1; t < count; t++) {
    if (frames[t].length !== dims) {
      throw new InvalidResampleInput(
        'RESAMPLE_RAGGED_FRAMES',
        `frame ${t} has ${frames[t].length} values, frame 0 has ${dims}`,
      );
    }
  }
  const out: Float64Array[] = [];
  for (let i = 0; i < length; i++) {
    const pos = sourcePosition(i, count, length);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, count - 1);
    const frac = pos - lo;
    const row = new Float64Array(dims);
    const a = frames[lo];
    const b = frames[hi];
    for (let d = 0; d < dims; d++) row[d] = frac === 0 ? a[d] : a[d] + (b[d] - a[d]) * frac;
    out.push(row);
  }
  return out;
}

/**
 * Linear interpolation of a [T] signal or [T][D] frames to L outputs, out[i] sampled at source position
 * i * (T - 1) / (L - 1); L = 1 gives frame 0. Both ends are kept exactly.
 */
export function resampleLinear(signal: ArrayLike<number>, length: number): Float64Array;
export function resampleLinear(frames: ArrayLike<ArrayLike<number>>, length: number): Float64Array[];
export function resampleLinear(
  input: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  length: number,
): Float64Array | Float64Array[] {
  checkLength(length);
  checkNotEmpty(input.length);
  if (typeof input[0] === 'number') return linear1d(input as ArrayLike<number>, length);
  return linear2d(input as ArrayLike<ArrayLike<number>>, length);
}

/** Output bin of input index i when N values are pooled into L <= N bins, or spread onto L > N slots. */
function targetBin(i: number, length: number, n: number): number {
  return Math.floor((i * length) / n);
}

function maxPool(x: ArrayLike<number>, length: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(length);
  let bin = -1;
  for (let i = 0; i < n; i++) {
    const j = targetBin(i, length, n);
    if (j !== bin) {
      bin = j;
      out[j] = x[i];
    } else if (x[i] > out[j]) {
      out[j] = x[i];
    }
  }
  return out;
}

/**
 * Binary peak vector to length L without losing a peak: for L <= N, out[j] is the max over the inputs
 * with floor(i * L / N) == j (neighbouring peaks may merge); for L > N, each input goes to slot
 * floor(i * L / N) and the slots between stay 0.
 */
export function resamplePeaks(peaks: ArrayLike<number>, length: number): Uint8Array {
  checkLength(length);
  const n = peaks.length;
  checkNotEmpty(n);
  const out = new Uint8Array(length);
  // For L > N every input has its own slot, so one loop serves both directions; for L <= N setting a
  // bin on any peak is the max of a binary bin.
  for (let i = 0; i < n; i++) if (peaks[i]) out[targetBin(i, length, n)] = 1;
  return out;
}

/** Onset envelope to length L: max-pooled with resamplePeaks' bins when shrinking (peaks keep their height), linear when growing. */
export function resampleEnvelope(envelope: ArrayLike<number>, length: number): Float64Array {
  checkLength(length);
  const n = envelope.length;
  checkNotEmpty(n);
  return length > n ? resampleLinear(envelope, length) : maxPool(envelope, length);
}
