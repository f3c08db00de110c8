import { InvalidAudioInput } from '../audio.errors';

export interface PeakPickOptions {
  /** Frames before n in the local-maximum window. */
  preMax: number;
  /** Frames after n in the local-maximum window (the window is x[n - preMax .. n + postMax - 1]). */
  postMax: number;
  /** Frames before n in the local-mean window. */
  preAvg: number;
  /** Frames after n in the local-mean window (the window is x[n - preAvg .. n + postAvg - 1]). */
  postAvg: number;
  /** A peak must exceed the local mean by at least this much. */
  delta: number;
  /** Frames to skip after a peak before the next one may be taken. */
  wait: number;
}

function checkOptions(options: PeakPickOptions): void {
  for (const key of ['preMax', 'postMax', 'preAvg', 'postAvg', 'wait'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidAudioInput(
        'AUDIO_BAD_PARAMETER',
        `peak picking: ${key} must be an integer >= 0, got ${value}`,
      );
    }
  }
  if (options.preMax + options.postMax < 1 || options.preAvg + options.postAvg < 1) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      'peak picking: the max and mean windows must hold a frame',
    );
  }
  if (!Number.isFinite(options.delta)) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      `peak picking: delta must be finite, got ${options.delta}`,
    );
  }
}

/** Mean of x[from .. to - 1] summed in float32, as numpy.mean does on a short float32 slice. */
function float32Mean(x: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = Math.fround(sum + x[i]);
  return Math.fround(sum / (to - from));
}

/**
 * Peak picking after librosa 0.8.0 util.peak_pick: frame n is a peak when
 *   x[n] == max(x[n - preMax : n + postMax]) and x[n] >= mean(x[n - preAvg : n + postAvg]) + delta
 * (windows truncated at the ends, a zero x[n] never counts), then greedily, a peak is kept only if it
 * comes more than `wait` frames after the last kept one. librosa builds the windows with scipy's
 * maximum_filter1d / uniform_filter1d (float32 output for a float32 envelope) and corrects the mean
 * near the ends with numpy.mean; the threshold mean + delta is a float32 sum. All reproduced here.
 */
export function peakPick(x: ArrayLike<number>, options: PeakPickOptions): number[] {
  checkOptions(options);
  const { preMax, postMax, preAvg, postAvg, delta, wait } = options;
  const n = x.length;
  const peaks: number[] = [];
  const avgSize = preAvg + postAvg;
  const fround = Math.fround;
  // Running sum over the full interior window x[i - preAvg .. i + postAvg - 1] (scipy sums in float64).
  let windowSum = 0;
  for (let i = 0; i < Math.min(n, avgSize); i++) windowSum += x[i];
  let lastPeak = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = x[i];
    const interior = i - preAvg >= 0 && i + postAvg <= n;
    if (interior && i - preAvg > 0) windowSum += x[i + postAvg - 1] - x[i - preAvg - 1];
    if (value === 0 || i <= lastPeak + wait) continue;
    let isMax = true;
    for (let j = Math.max(0, i - preMax), end = Math.min(n, i + postMax); j < end; j++) {
      if (x[j] > value) {
        isMax = false;
        break;
      }
    }
    if (!isMax) continue;
    const mean = interior
      ? fround(windowSum / avgSize)
      : float32Mean(x, Math.max(0, i - preAvg), Math.min(n, i + postAvg));
    if (value >= fround(mean + delta)) {
      peaks.push(i);
      lastPeak = i;
    }
  }
  return peaks;
}
