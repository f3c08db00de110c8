import { InvalidAudioInput } from '../audio.errors';
import { melFilterbank, type MelFilterbank } from './mel-filterbank';
import { PowerStft } from './stft';

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
}

/** A mel power spectrogram stored frame-major: data[t * nMels + m]. */
export interface MelSpectrogram {
  nMels: number;
  frames: number;
  data: Float32Array;
}

/** The band list packed into flat arrays, so the inner loop reads typed arrays only. */
interface PackedBands {
  starts: Int32Array;
  ends: Int32Array;
  /** weights[starts[m] .. ends[m] - 1] belong to band m; offsets[m] is where they begin. */
  offsets: Int32Array;
  weights: Float64Array;
}

function packBands(filterbank: MelFilterbank): PackedBands {
  const { bands } = filterbank;
  const total = bands.reduce((sum, band) => sum + band.weights.length, 0);
  const packed: PackedBands = {
    starts: new Int32Array(bands.length),
    ends: new Int32Array(bands.length),
    offsets: new Int32Array(bands.length),
    weights: new Float64Array(total),
  };
  let offset = 0;
  bands.forEach(({ start, weights }, m) => {
    packed.starts[m] = start;
    packed.ends[m] = start + weights.length;
    packed.offsets[m] = offset;
    packed.weights.set(weights, offset);
    offset += weights.length;
  });
  return packed;
}

/**
 * Mel power spectrogram (power 2), after librosa 0.8.0 feature.melspectrogram: the power STFT of
 * PowerStft projected on the Slaney filterbank. The projection walks the sparse band list (each FFT
 * bin feeds at most two bands), so it costs about 2 x nBins multiply-adds per frame instead of
 * nMels x nBins; the result is stored as float32, the dtype librosa's spectrogram has.
 * Construct once per configuration and reuse: the filterbank and buffers are kept.
 */
export class MelSpectrogramAnalyzer {
  readonly stft: PowerStft;
  readonly filterbank: MelFilterbank;
  readonly sampleRate: number;
  private readonly packed: PackedBands;
  private readonly powerA: Float64Array;
  private readonly powerB: Float64Array;

  constructor(options: MelSpectrogramOptions) {
    const nFft = options.nFft ?? 2048;
    this.sampleRate = options.sampleRate;
    this.stft = new PowerStft({ nFft, hopLength: options.hopLength ?? 512, center: true });
    this.filterbank = melFilterbank({ ...options, nFft });
    this.packed = packBands(this.filterbank);
    this.powerA = new Float64Array(this.stft.nBins);
    this.powerB = new Float64Array(this.stft.nBins);
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
    for (let t = 0; t < frames; t += 2) {
      const withNext = t + 1 < frames;
      this.stft.powerFramePair(signal, t, withNext, this.powerA, this.powerB);
      this.project(this.powerA, data, t * nMels);
      if (withNext) this.project(this.powerB, data, (t + 1) * nMels);
    }
    return { nMels, frames, data };
  }

  private project(power: Float64Array, out: Float32Array, row: number): void {
    const { starts, ends, offsets, weights } = this.packed;
    for (let m = 0, nMels = starts.length; m < nMels; m++) {
      let sum = 0;
      for (let k = starts[m], w = offsets[m], end = ends[m]; k < end; k++, w++) sum += weights[w] * power[k];
      // Power and weights are >= 0, so only a NaN or infinite sample makes the sum non-finite.
      if (sum - sum !== 0) {
        throw new InvalidAudioInput(
          'AUDIO_NOT_FINITE',
          `the audio holds NaN or infinite samples (around frame ${row / nMels})`,
        );
      }
      out[row + m] = sum;
    }
  }
}
