import { linspace } from './linspace';

/**
 * Periodic Hann window of `length` samples, the one scipy.signal.get_window('hann', length) returns and
 * librosa 0.8.0's stft uses: the symmetric window of length + 1 (0.5 + 0.5 cos over linspace(-pi, pi))
 * without its last sample.
 */
export function hannWindow(length: number): Float64Array {
  const angles = linspace(-Math.PI, Math.PI, length + 1);
  const window = new Float64Array(length);
  for (let i = 0; i < length; i++) window[i] = 0.5 + 0.5 * Math.cos(angles[i]);
  return window;
}
