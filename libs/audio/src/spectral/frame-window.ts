/** Index of the sample numpy.pad(mode='reflect') puts at position i (which may lie outside 0..n-1). */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

/**
 * Copies signal[first .. first + out.length - 1] into `out`, reading outside the signal as numpy
 * 'reflect' padding does, so no padded copy of the signal is ever made. A frame inside the signal is
 * one native block copy.
 */
export function copyFrame(signal: Float32Array, first: number, out: Float32Array | Float64Array): void {
  const n = signal.length;
  const size = out.length;
  if (first >= 0 && first + size <= n) {
    out.set(signal.subarray(first, first + size));
    return;
  }
  for (let j = 0; j < size; j++) out[j] = signal[reflectIndex(first + j, n)];
}

/** copyFrame, then each sample multiplied by window[j] (in float64, as librosa multiplies). */
export function windowFrame(
  signal: Float32Array,
  first: number,
  window: Float64Array,
  out: Float32Array | Float64Array,
): void {
  copyFrame(signal, first, out);
  for (let j = 0; j < window.length; j++) out[j] *= window[j];
}
