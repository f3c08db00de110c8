export interface PowerToDbOptions {
  /** Reference power for 0 dB (default 1). */
  ref?: number;
  /** Floor applied before the log (default 1e-10). */
  amin?: number;
  /** Clamp to this many dB below the maximum; null disables (default 80). */
  topDb?: number | null;
}

// ln of a positive normal float32 read from its bits: the exponent, a table for the top 11 mantissa
// bits, and ln(1 + r) = r - r^2/2 + r^3/3 for the remaining 12 (r < 2^-11, so the dropped r^4/4 is under
// 2e-14): within about 1e-14 of Math.log, far below a float32 step of the dB value, at a fraction of
// Math.log's cost. The spectrogram's 138 000 logs per 25 s clip were a fifth of onset detection.
const HEAD_BITS = 11;
const TAIL_BITS = 23 - HEAD_BITS;
const LN_HEAD = new Float64Array(1 << HEAD_BITS);
const TAIL_SCALE = new Float64Array(1 << HEAD_BITS);
for (let i = 0; i < LN_HEAD.length; i++) {
  const head = 1 + i / LN_HEAD.length;
  LN_HEAD[i] = Math.log(head);
  TAIL_SCALE[i] = 2 ** -23 / head;
}

function lnFromFloat32Bits(bits: number): number {
  const exponent = (bits >>> 23) - 127;
  const head = (bits >>> TAIL_BITS) & ((1 << HEAD_BITS) - 1);
  const r = (bits & ((1 << TAIL_BITS) - 1)) * TAIL_SCALE[head];
  return exponent * Math.LN2 + LN_HEAD[head] + r * (1 - r * (0.5 - r * (1 / 3)));
}

/**
 * 10 log10(max(amin, S) / ref), clamped to topDb below the maximum over the whole array, after
 * librosa 0.8.0 core.power_to_db. Computed in float32 steps, as librosa does on a float32 spectrogram.
 * Writes into `out` (which may be `power` itself).
 */
export function powerToDb(
  power: Float32Array,
  options: PowerToDbOptions = {},
  out: Float32Array = new Float32Array(power.length),
): Float32Array {
  const amin = Math.fround(options.amin ?? 1e-10);
  const refDb = 10 * Math.log10(Math.max(options.amin ?? 1e-10, Math.abs(options.ref ?? 1)));
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  const fround = Math.fround;
  // A float32 amin (1e-10 by default) is a positive normal number, so every value the log sees is.
  const aminDb = fround(10 * fround(Math.log(amin) * Math.LOG10E));
  const bits = new Uint32Array(power.buffer, power.byteOffset, power.length);
  let max = -Infinity;
  for (let i = 0; i < power.length; i++) {
    // log(x) * log10(e) rounds to the same float32 as log10(x) (librosa's step) and costs less.
    const x = power[i];
    let db = aminDb;
    if (x === Infinity) db = Infinity;
    else if (x > amin) db = fround(10 * fround(lnFromFloat32Bits(bits[i]) * Math.LOG10E));
    const value = fround(db - refDb);
    out[i] = value;
    if (value > max) max = value;
  }
  if (topDb !== null) {
    const floor = fround(max - topDb);
    for (let i = 0; i < out.length; i++) if (out[i] < floor) out[i] = floor;
  }
  return out;
}
