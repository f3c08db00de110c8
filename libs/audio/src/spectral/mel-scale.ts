import { linspace } from './linspace';

// Slaney's auditory-toolbox mel scale (librosa's htk=False): linear below 1 kHz, logarithmic above.
const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/** Hz to mel on the Slaney scale (librosa.hz_to_mel with htk=False). */
export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** Mel to Hz on the Slaney scale (librosa.mel_to_hz with htk=False). */
export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** `count` frequencies evenly spaced on the mel scale from fmin to fmax (librosa.mel_frequencies). */
export function melFrequencies(count: number, fmin: number, fmax: number): Float64Array {
  const mels = linspace(hzToMel(fmin), hzToMel(fmax), count);
  return mels.map(melToHz);
}
