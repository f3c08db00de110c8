import { InvalidMetricsInput } from './metrics.errors';

export function checkTimes(times: ArrayLike<number>, what: string): void {
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i]) || times[i] < 0) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_TIME',
        `${what}[${i}] is ${times[i]}; times must be finite and >= 0 seconds`,
      );
    }
  }
}

/**
 * The benchmark's second-wise beat vector (authors' beats_scores.py, beat_detect): ceil(samples / sr)
 * one-second bins, bin trunc(t) set to 1 for each onset time t.
 */
export function beatsPerSecond(
  onsetTimes: ArrayLike<number>,
  samples: number,
  sampleRate: number,
): Uint8Array {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new InvalidMetricsInput('METRICS_BAD_SAMPLE_RATE', `sample rate must be > 0, got ${sampleRate}`);
  }
  if (!Number.isInteger(samples) || samples < 0) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_COUNT',
      `sample count must be an integer >= 0, got ${samples}`,
    );
  }
  checkTimes(onsetTimes, 'onsetTimes');
  const bins = Math.ceil(samples / sampleRate);
  const out = new Uint8Array(bins);
  for (let i = 0; i < onsetTimes.length; i++) {
    const bin = Math.trunc(onsetTimes[i]);
    if (bin >= bins) {
      // The authors' code fails here with an IndexError; say what is wrong instead.
      throw new InvalidMetricsInput(
        'METRICS_TIME_OUT_OF_RANGE',
        `onset at ${onsetTimes[i]} s lies beyond the audio's ${bins} one-second bins (${samples} samples at ${sampleRate} Hz)`,
      );
    }
    out[bin] = 1;
  }
  return out;
}
