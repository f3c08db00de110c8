import { InvalidAudioInput } from '../audio.errors';
import { linspace } from './linspace';
import { melFrequencies } from './mel-scale';

export interface MelFilterbankOptions {
  sampleRate: number;
  nFft: number;
  /** Default 128. */
  nMels?: number;
  /** Default 0 Hz. */
  fmin?: number;
  /** Default sampleRate / 2. */
  fmax?: number;
}

/** One triangular filter: its non-zero weights over FFT bins start .. start + weights.length - 1. */
export interface MelBand {
  start: number;
  weights: Float32Array;
}

/** The filterbank as a sparse band list: most of the 128 x 1025 dense matrix is zero. */
export interface MelFilterbank {
  nMels: number;
  nBins: number;
  bands: MelBand[];
}

/**
 * Slaney mel filterbank with area normalisation, after librosa 0.8.0 filters.mel(htk=False,
 * norm='slaney'): triangles between neighbouring mel frequencies, each scaled by 2 / (its width in Hz).
 * librosa stores the weights as float32 before scaling, then scales in float64 and stores float32
 * again; the same two roundings are made here so the weights are bit-identical.
 */
export function melFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { sampleRate, nFft } = options;
  const nMels = options.nMels ?? 128;
  const fmin = options.fmin ?? 0;
  const fmax = options.fmax ?? sampleRate / 2;
  if (!(sampleRate > 0) || !Number.isInteger(nFft) || nFft < 2 || !Number.isInteger(nMels) || nMels < 1) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      `mel filterbank needs a positive sample rate, nFft >= 2 and nMels >= 1 (got ${sampleRate}, ${nFft}, ${nMels})`,
    );
  }
  if (!(fmin >= 0 && fmin < fmax)) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      `mel filterbank needs 0 <= fmin < fmax (got ${fmin}, ${fmax})`,
    );
  }
  const nBins = 1 + Math.floor(nFft / 2);
  const fftFreqs = linspace(0, sampleRate / 2, nBins);
  const melF = melFrequencies(nMels + 2, fmin, fmax);
  const bands: MelBand[] = [];
  for (let m = 0; m < nMels; m++) {
    const lowerWidth = melF[m + 1] - melF[m];
    const upperWidth = melF[m + 2] - melF[m + 1];
    const enorm = 2 / (melF[m + 2] - melF[m]);
    const dense = new Float32Array(nBins);
    let start = -1;
    let end = -1;
    for (let k = 0; k < nBins; k++) {
      const rising = (fftFreqs[k] - melF[m]) / lowerWidth;
      const falling = (melF[m + 2] - fftFreqs[k]) / upperWidth;
      const weight = Math.fround(Math.max(0, Math.min(rising, falling)));
      dense[k] = weight * enorm;
      if (dense[k] !== 0) {
        if (start < 0) start = k;
        end = k;
      }
    }
    bands.push(
      start < 0
        ? { start: 0, weights: new Float32Array(0) }
        : { start, weights: dense.slice(start, end + 1) },
    );
  }
  return { nMels, nBins, bands };
}

/** The dense [nMels][nBins] matrix, as librosa returns it (for tests and inspection). */
export function melFilterbankToDense(filterbank: MelFilterbank): Float32Array[] {
  return filterbank.bands.map(({ start, weights }) => {
    const row = new Float32Array(filterbank.nBins);
    row.set(weights, start);
    return row;
  });
}
