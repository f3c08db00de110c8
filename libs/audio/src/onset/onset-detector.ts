import { InvalidAudioInput } from '../audio.errors';
import { MelSpectrogramAnalyzer } from '../spectral/mel-spectrogram';
import { powerToDb } from '../spectral/power-to-db';
import type { FftPrecision } from '../spectral/stft';
import { detectOnsetFrames, framesToTimes, SCORING_PEAK_PICK } from './onset-detect';
import { onsetStrengthFromDb } from './onset-strength';
import type { PeakPickOptions } from './peak-pick';

const LIBROSA_ONSET_FMAX = 11025;

export interface OnsetAnalysis {
  sampleRate: number;
  samples: number;
  hopLength: number;
  /** librosa 0.8.0 onset_strength, one value per STFT frame. */
  onsetStrength: Float32Array;
  /** Peak-picked frames of the normalised strength. */
  onsetFrames: number[];
  /** onsetFrames in seconds. */
  onsetTimes: number[];
}

export interface OnsetDetectorOptions {
  sampleRate: number;
  /** Default 2048. */
  nFft?: number;
  /** Default 512. */
  hopLength?: number;
  /** Default 128. */
  nMels?: number;
  /**
   * Top of the mel filterbank. Default 11025 Hz: librosa 0.8.0's onset_strength sets fmax=11025.0 whatever
   * the rate (sr / 2 at the benchmark's 22050 Hz; above a lower rate's Nyquist the top bands stay empty).
   */
  fmax?: number;
  /** Default: the scoring code's parameters (SCORING_PEAK_PICK). */
  peakPick?: PeakPickOptions;
  /** FFT precision of the STFT (default 'float32', see PowerStft). */
  precision?: FftPrecision;
}

/**
 * librosa 0.8.0 onset strength and onset detection with the benchmark's parameters: mel power
 * spectrogram (2048 / 512, 128 Slaney bands up to 11025 Hz) -> power_to_db (ref 1, amin 1e-10, top_db 80)
 * -> spectral flux -> peak picking. Keeps its filterbank and buffers: create one per sample rate and
 * reuse it, so repeated analyses allocate only their results.
 */
export class OnsetDetector {
  readonly sampleRate: number;
  readonly hopLength: number;
  private readonly nFft: number;
  private readonly analyzer: MelSpectrogramAnalyzer;
  private readonly peakPickOptions: PeakPickOptions;
  private melBuffer = new Float32Array(0);

  constructor(options: OnsetDetectorOptions) {
    if (!(options.sampleRate > 0) || !Number.isFinite(options.sampleRate)) {
      throw new InvalidAudioInput(
        'AUDIO_BAD_PARAMETER',
        `sample rate must be positive, got ${options.sampleRate}`,
      );
    }
    this.sampleRate = options.sampleRate;
    this.nFft = options.nFft ?? 2048;
    this.hopLength = options.hopLength ?? 512;
    this.analyzer = new MelSpectrogramAnalyzer({
      sampleRate: this.sampleRate,
      nFft: this.nFft,
      hopLength: this.hopLength,
      nMels: options.nMels ?? 128,
      fmax: options.fmax ?? LIBROSA_ONSET_FMAX,
      precision: options.precision,
    });
    this.peakPickOptions = options.peakPick ?? SCORING_PEAK_PICK;
  }

  /** The onset strength envelope of a mono signal (librosa.onset.onset_strength(y, sr)). */
  onsetStrength(signal: Float32Array): Float32Array {
    if (signal.length === 0)
      throw new InvalidAudioInput('AUDIO_EMPTY', 'cannot detect onsets in empty audio');
    const frames = this.analyzer.frameCount(signal.length);
    const size = frames * this.analyzer.filterbank.nMels;
    if (this.melBuffer.length < size) this.melBuffer = new Float32Array(size);
    const mel = this.analyzer.analyze(signal, this.melBuffer);
    powerToDb(mel.data, {}, mel.data);
    return onsetStrengthFromDb(mel, { nFft: this.nFft, hopLength: this.hopLength });
  }

  /** Onset strength, onset frames and onset times of a mono signal. */
  analyze(signal: Float32Array): OnsetAnalysis {
    const onsetStrength = this.onsetStrength(signal);
    const onsetFrames = detectOnsetFrames(onsetStrength, this.peakPickOptions);
    return {
      sampleRate: this.sampleRate,
      samples: signal.length,
      hopLength: this.hopLength,
      onsetStrength,
      onsetFrames,
      onsetTimes: framesToTimes(onsetFrames, this.hopLength, this.sampleRate),
    };
  }
}

const detectors = new Map<number, OnsetDetector>();

/** Onset analysis with the scoring parameters, reusing one detector per sample rate. */
export function detectOnsets(signal: Float32Array, sampleRate: number): OnsetAnalysis {
  let detector = detectors.get(sampleRate);
  if (!detector) {
    detector = new OnsetDetector({ sampleRate });
    detectors.set(sampleRate, detector);
  }
  return detector.analyze(signal);
}
