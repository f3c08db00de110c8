import { InvalidAudioInput } from '../audio.errors';
import { hannPowerSpectrum, type FftPrecision, type HannPowerSpectrum } from './hann-power-spectrum';

export type { FftPrecision } from './hann-power-spectrum';

export interface StftOptions {
  /** FFT size and window length (a power of two; default 2048). */
  nFft?: number;
  /** Samples between frames (default nFft / 4). */
  hopLength?: number;
  /** Centre frame t on sample t * hop, reflect-padding nFft / 2 samples at both ends (default true). */
  center?: boolean;
  /**
   * 'float32' (default): PFFFT in WebAssembly, for nFft >= 32 (smaller sizes use fft.js). 'float64':
   * fft.js throughout, several times slower.
   */
  precision?: FftPrecision;
}

/** A power spectrogram stored frame-major: data[t * nBins + k]. */
export interface PowerSpectrogram {
  nBins: number;
  frames: number;
  data: Float32Array;
}

/**
 * Short-time power spectrum |X|^2 of a mono signal, after librosa 0.8.0 core.stft: periodic Hann window
 * (scipy.signal.get_window('hann')), frames centred on t * hop with numpy 'reflect' padding.
 *
 * librosa transforms in float64 and stores complex64. The default float32 transform (PFFFT) adds
 * rounding of about 1e-7 of each frame's energy, which power_to_db's 80 dB floor mostly hides: on the 13
 * reference clips the onset strength stays within 7.2e-6 of librosa (3.9e-6 with 'float64'; the
 * checked tolerance is 1e-3) with identical onset frames (libs/audio/bench/onset-accuracy.bench.ts).
 *
 * Each frame is copied straight into the transform's input (wasm memory for PFFFT) and its power read
 * straight from the output, so a frame costs no allocation and no intermediate copy.
 */
export class PowerStft {
  readonly nFft: number;
  readonly hopLength: number;
  readonly center: boolean;
  readonly nBins: number;
  readonly precision: FftPrecision;
  private readonly spectrum: HannPowerSpectrum;

  constructor(options: StftOptions = {}) {
    this.nFft = options.nFft ?? 2048;
    this.hopLength = options.hopLength ?? Math.floor(this.nFft / 4);
    this.center = options.center ?? true;
    if (this.nFft < 2 || (this.nFft & (this.nFft - 1)) !== 0) {
      throw new InvalidAudioInput(
        'AUDIO_BAD_PARAMETER',
        `nFft must be a power of two >= 2, got ${this.nFft}`,
      );
    }
    if (!Number.isInteger(this.hopLength) || this.hopLength < 1) {
      throw new InvalidAudioInput(
        'AUDIO_BAD_PARAMETER',
        `hop length must be a positive integer, got ${this.hopLength}`,
      );
    }
    this.nBins = this.nFft / 2 + 1;
    this.spectrum = hannPowerSpectrum(this.nFft, options.precision ?? 'float32');
    this.precision = this.spectrum.precision;
  }

  /** Number of frames for a signal of `length` samples (librosa.util.frame after the optional padding). */
  frameCount(length: number): number {
    const padded = this.center ? length + 2 * Math.floor(this.nFft / 2) : length;
    return padded < this.nFft ? 0 : 1 + Math.floor((padded - this.nFft) / this.hopLength);
  }

  /**
   * Power spectrum of frame t, bins fromBin .. toBin - 1 (default all nBins), into the same indices
   * of `out` (length >= toBin). Bins outside the range are left as they were.
   */
  powerFrame(signal: Float32Array, t: number, out: Float64Array, fromBin = 0, toBin = this.nBins): void {
    if (signal.length === 0) throw new InvalidAudioInput('AUDIO_EMPTY', 'cannot analyse an empty signal');
    const first = t * this.hopLength - (this.center ? this.nFft / 2 : 0);
    this.spectrum.framePower(signal, first, out, Math.max(0, fromBin), Math.min(this.nBins, toBin));
  }

  /** The whole power spectrogram (for inspection and tests; the mel analyser streams frames instead). */
  spectrogram(signal: Float32Array): PowerSpectrogram {
    if (signal.length === 0) throw new InvalidAudioInput('AUDIO_EMPTY', 'cannot analyse an empty signal');
    const frames = this.frameCount(signal.length);
    const { nBins } = this;
    const data = new Float32Array(frames * nBins);
    const power = new Float64Array(nBins);
    for (let t = 0; t < frames; t++) {
      this.powerFrame(signal, t, power);
      data.set(power, t * nBins);
    }
    return { nBins, frames, data };
  }
}
