// libs/metrics' genre features of a mono clip, from libs/audio's analyses: a 64-band log-mel
// spectrogram (librosa's 2048 / 512 frames at 22050 Hz) and the onset strength of three band groups.
// The spectrogram stops at 5 kHz by default: loris-tiny 0.1.0 makes its audio at 11025 Hz, so nothing of
// it is above 5.5 kHz, and a classifier that relied on the hats' top octave would call every one of its
// outputs the genre with the fewest hats; with one band limit for every model, "before" and "after"
// numbers are measured alike.
import {
  MelSpectrogramAnalyzer,
  melFrequencies,
  onsetStrengthFromDb,
  powerToDb,
  resample,
} from '@loris/audio';
import { genreFeatures, type GenreFeatures } from '@loris/metrics';

export const GENRE_ANALYSIS_RATE = 22050;
const N_FFT = 2048;
const HOP = 512;
const N_MELS = 64;

export interface GenreAudioOptions {
  /** Top of the spectrogram, Hz (default 5000). */
  fmax?: number;
  /** Upper edges of the low and mid band groups, Hz (default 200 and 2000: kick and bass, snare and chords, hats). */
  bandEdges?: readonly number[];
}

/** Analyses clips for the genre classifier; keeps one filterbank, so create it once and reuse it. */
export class GenreAudioAnalyzer {
  readonly fmax: number;
  private readonly mel: MelSpectrogramAnalyzer;
  /** [from, to) mel band indices of each band group. */
  private readonly groups: [number, number][];

  constructor(options: GenreAudioOptions = {}) {
    this.fmax = options.fmax ?? 5000;
    const edges = options.bandEdges ?? [200, 2000];
    this.mel = new MelSpectrogramAnalyzer({
      sampleRate: GENRE_ANALYSIS_RATE,
      nFft: N_FFT,
      hopLength: HOP,
      nMels: N_MELS,
      fmax: this.fmax,
    });
    // Band m is centred on the (m + 1)th of nMels + 2 mel-spaced frequencies.
    const centres = melFrequencies(N_MELS + 2, 0, this.fmax).slice(1, N_MELS + 1);
    const bounds = [0, ...edges.map((hz) => centres.findIndex((c) => c >= hz)), N_MELS];
    this.groups = bounds.slice(1).map((to, i) => [bounds[i], to]);
    if (this.groups.some(([from, to]) => !(to > from))) {
      throw new RangeError(
        `band edges ${edges.join(', ')} Hz leave an empty band group below ${this.fmax} Hz`,
      );
    }
  }

  /** The genre features of a mono clip at any rate (resampled to 22050 Hz first). */
  features(samples: Float32Array, sampleRate: number): GenreFeatures {
    const audio =
      sampleRate === GENRE_ANALYSIS_RATE ? samples : resample(samples, sampleRate, GENRE_ANALYSIS_RATE);
    const spectrogram = this.mel.analyze(audio);
    const db = powerToDb(spectrogram.data);
    const bandEnvelopes = this.groups.map(([from, to]) => {
      const bands = to - from;
      const data = new Float32Array(spectrogram.frames * bands);
      for (let t = 0; t < spectrogram.frames; t++) {
        data.set(db.subarray(t * N_MELS + from, t * N_MELS + to), t * bands);
      }
      return onsetStrengthFromDb(
        { nMels: bands, frames: spectrogram.frames, data },
        { nFft: N_FFT, hopLength: HOP },
      );
    });
    return genreFeatures({
      spectrogram: {
        nMels: N_MELS,
        frames: spectrogram.frames,
        data: db,
        frameRate: GENRE_ANALYSIS_RATE / HOP,
      },
      bandEnvelopes,
    });
  }
}
