import { peakPick, type PeakPickOptions } from './peak-pick';

/**
 * The peak-picking parameters of the benchmark's scoring code (librosa.onset.onset_detect with wait 1,
 * delta 0.2, pre/post avg 3, pre/post max 3); see the fixtures README and the paper's appendix C.
 */
export const SCORING_PEAK_PICK: Readonly<PeakPickOptions> = Object.freeze({
  preMax: 3,
  postMax: 3,
  preAvg: 3,
  postAvg: 3,
  delta: 0.2,
  wait: 1,
});

const FLOAT32_TINY = 1.1754943508222875e-38;

/**
 * Onset frames from an onset strength envelope, after librosa 0.8.0 onset.onset_detect(onset_envelope=...):
 * the envelope is shifted to a minimum of 0 and divided by its maximum (plus float32 tiny, so a flat
 * envelope gives no onsets rather than a division by zero), then peak-picked.
 */
export function detectOnsetFrames(
  envelope: Float32Array,
  options: PeakPickOptions = SCORING_PEAK_PICK,
): number[] {
  if (envelope.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < envelope.length; i++) {
    if (envelope[i] < min) min = envelope[i];
  }
  const normalized = new Float32Array(envelope.length);
  for (let i = 0; i < envelope.length; i++) {
    normalized[i] = envelope[i] - min;
    if (normalized[i] > max) max = normalized[i];
  }
  if (max === 0) return [];
  const scale = Math.fround(max + FLOAT32_TINY);
  for (let i = 0; i < normalized.length; i++) normalized[i] = normalized[i] / scale;
  return peakPick(normalized, options);
}

/** Frame indices to seconds: frame * hop / sampleRate (librosa.frames_to_time). */
export function framesToTimes(frames: readonly number[], hopLength: number, sampleRate: number): number[] {
  return frames.map((frame) => (frame * hopLength) / sampleRate);
}
