import { InvalidAudioInput } from '../audio.errors';
import { melFilterbank, type MelFilterbank } from './mel-filterbank';
import { MelProjection } from './mel-projection';
import { PowerStft, type FftPrecision } from './stft';

export interface MelSpectrogramOptions {
  sampleRate: number;
  /** Default 2048. */
  nFft?: number;
  /** Default 512. */
  hopLength?: number;
  /** Default 128. */
  nMels?: number;
  /** Default 0. */
  fmin?: number;
  /** Default sampleRate / 2. */
  fmax?: number;
  /** FFT precision of the STFT (default 'float32', see PowerStft). */
  precision?: FftPrecision;
}

/** A mel power spectrogram stored frame-major: data[t * nMels + m]. */
export interface MelSpectrogram {
  nMels: number;
  frames: number;
  data: Float32Array;
}

/**
 * Mel power spectrogram (power 2), after librosa 0.8.0 feature.melspectrogram: the power STFT of
 * PowerStft projected on the Slaney filterbank, frame by frame. The projection (MelProjection) costs
 * about 2 multiply-adds per FFT bin instead of nMels per bin of a dense product, only the bins some
 * band reads are computed, and the result is stored as float32, the dtype librosa's spectrogram has.
 * Construct once per configuration and reuse: the filterbank and buffers are kept.
 */
export class MelSpectrogramAnalyzer {
  readonly stft: PowerStft;
  readonly filterbank: MelFilterbank;
  readonly sampleRate: number;
  private readonly projection: MelProjection;
  private readonly power: Float64Array;

  constructor(options: MelSpectrogramOptions) {
    const nFft = options.nFft ?? 2048;
    this.sampleRate = options.sampleRate;
    this.stft = new PowerStft({
      nFft,
      hopLength: options.hopLength ?? 512,
      center: true,
      precision: options.precision,
    });
    this.filterbank = melFilterbank({ ...options, nFft });
    this.projection = new MelProjection(this.filterbank);
    this.power = new Float64Array(this.stft.nBins);
  }

  /** Frames the analysis of `length` samples gives. */
  frameCount(length: number): number {
    return this.stft.frameCount(length);
  }

  /**
   * Computes the spectrogram of `signal` into `out` (allocated when not given or too small).
   * Throws InvalidAudioInput when the signal holds NaN or infinite samples.
   */
  analyze(signal: Float32Array, out?: Float32Array): MelSpectrogram {
    if (signal.length === 0) throw new InvalidAudioInput('AUDIO_EMPTY', 'cannot analyse an empty signal');
    const { nMels } = this.filterbank;
    const frames = this.frameCount(signal.length);
    const data =
      out && out.length >= frames * nMels
        ? out.subarray(0, frames * nMels)
        : new Float32Array(frames * nMels);
    const { projection, power, stft } = this;
    for (let t = 0; t < frames; t++) {
      stft.powerFrame(signal, t, power, projection.firstBin, projection.endBin);
      projection.project(power, data, t * nMels);
    }
    return { nMels, frames, data };
  }
}
