import type { MelSpectrogram } from '../spectral/mel-spectrogram';

export interface OnsetStrengthOptions {
  /** Frames between the compared spectra (default 1). */
  lag?: number;
  /** FFT size of the analysis, for the centring shift (default 2048). */
  nFft?: number;
  /** Hop of the analysis, for the centring shift (default 512). */
  hopLength?: number;
  /** The frames were centred: shift by nFft / (2 hop) more frames (default true). */
  center?: boolean;
}

/**
 * Spectral-flux onset strength from a log-power (dB) mel spectrogram, after librosa 0.8.0
 * onset.onset_strength with its defaults (max_size 1, aggregate mean): for each frame, the mean over
 * bands of max(0, S[t] - S[t - lag]); then `lag + nFft / (2 hop)` zero frames in front (so a value sits
 * on the frame whose centred window sees the change) and the tail cut to the spectrogram's length.
 * The mean is summed band by band in float32, as numpy reduces a float32 array along axis 0.
 */
export function onsetStrengthFromDb(
  melDb: MelSpectrogram,
  options: OnsetStrengthOptions = {},
  out: Float32Array = new Float32Array(melDb.frames),
): Float32Array {
  const lag = options.lag ?? 1;
  const nFft = options.nFft ?? 2048;
  const hopLength = options.hopLength ?? 512;
  const center = options.center ?? true;
  const { nMels, frames, data } = melDb;
  const shift = lag + (center ? Math.floor(nFft / (2 * hopLength)) : 0);
  const fround = Math.fround;
  out.fill(0, 0, Math.min(shift, frames));
  for (let t = lag; t < frames && t - lag + shift < frames; t++) {
    const current = t * nMels;
    const previous = (t - lag) * nMels;
    let sum = 0;
    for (let m = 0; m < nMels; m++) {
      // max(0, rise) as (rise + |rise|) / 2, exact for a float32 rise, without the branch that rising
      // and falling bands mispredict half the time; adding the 0 leaves a float32 sum as it was.
      const rise = fround(data[current + m] - data[previous + m]);
      sum = fround(sum + (rise + Math.abs(rise)) * 0.5);
    }
    out[t - lag + shift] = sum / nMels;
  }
  return out;
}
