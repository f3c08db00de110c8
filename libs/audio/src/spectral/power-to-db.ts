export interface PowerToDbOptions {
  /** Reference power for 0 dB (default 1). */
  ref?: number;
  /** Floor applied before the log (default 1e-10). */
  amin?: number;
  /** Clamp to this many dB below the maximum; null disables (default 80). */
  topDb?: number | null;
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
  let max = -Infinity;
  for (let i = 0; i < power.length; i++) {
    const value = power[i];
    // log(x) * log10(e) rounds to the same float32 as log10(x) and costs half as much in V8.
    const db = Math.fround(10 * Math.fround(Math.log(value > amin ? value : amin) * Math.LOG10E));
    out[i] = db - refDb;
    if (out[i] > max) max = out[i];
  }
  if (topDb !== null) {
    const floor = Math.fround(max - topDb);
    for (let i = 0; i < out.length; i++) if (out[i] < floor) out[i] = floor;
  }
  return out;
}
