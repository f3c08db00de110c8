import FFT from 'fft.js';
import { copyFrame, windowFrame } from './frame-window';
import { hannWindow } from './hann-window';
import { PffftRealFft, pffftSupportsRealSize, sharedPffftRealFft } from './pffft-wasm';

/** Float precision of the FFT behind a power spectrum. */
export type FftPrecision = 'float32' | 'float64';

/**
 * |FFT(w · frame)|^2 for the periodic Hann window w of `size` samples: framePower reads the frame
 * signal[first .. first + size - 1] (reflect-padded outside the signal) and writes bins from .. to - 1
 * (of size / 2 + 1) into `out`.
 */
export interface HannPowerSpectrum {
  readonly size: number;
  readonly precision: FftPrecision;
  framePower(signal: Float32Array, first: number, out: Float64Array, from: number, to: number): void;
}

// PFFFT's ordered real spectrum: [X0, X(N/2), re X1, im X1, ..., re X(N/2-1), im X(N/2-1)].
function binRe(x: Float32Array, k: number, nyquist: number): number {
  return k === 0 ? x[0] : k === nyquist ? x[1] : x[2 * k];
}
function binIm(x: Float32Array, k: number, nyquist: number): number {
  return k === 0 || k === nyquist ? 0 : x[2 * k + 1];
}

/** Hann-windowed power of any bin k in 0 .. N/2, with the mirrored neighbours past either end. */
function windowedBinPower(x: Float32Array, k: number, nyquist: number): number {
  const lower = k === 0 ? 1 : k - 1;
  const upper = k === nyquist ? nyquist - 1 : k + 1;
  const lowerIm = k === 0 ? -binIm(x, lower, nyquist) : binIm(x, lower, nyquist);
  const upperIm = k === nyquist ? -binIm(x, upper, nyquist) : binIm(x, upper, nyquist);
  const re = binRe(x, k, nyquist) - 0.5 * (binRe(x, lower, nyquist) + binRe(x, upper, nyquist));
  const im = binIm(x, k, nyquist) - 0.5 * (lowerIm + upperIm);
  return 0.25 * (re * re + im * im);
}

/**
 * PFFFT in float32 WebAssembly (SIMD), in place in wasm memory. The window is applied after the
 * transform: the periodic Hann window is 0.5 - 0.25 e^(2 pi i n / N) - 0.25 e^(-2 pi i n / N), so
 * FFT(w · x)[k] = 0.5 (X[k] - 0.5 (X[k - 1] + X[k + 1])) exactly, with X[-1] = conj X[1] and
 * X[N/2 + 1] = conj X[N/2 - 1] for a real frame. Framing becomes one block copy of the samples and the
 * window three adds per bin of the power loop, instead of a multiply per sample in JavaScript.
 */
class PffftHannPowerSpectrum implements HannPowerSpectrum {
  readonly precision = 'float32';
  private readonly fft: PffftRealFft;

  constructor(readonly size: number) {
    this.fft = sharedPffftRealFft(size);
  }

  framePower(signal: Float32Array, first: number, out: Float64Array, from: number, to: number): void {
    copyFrame(signal, first, this.fft.input());
    this.fft.forward();
    const x = this.fft.output();
    const nyquist = this.size / 2;
    // Bins 2 .. N/2 - 2 have regular complex pairs on both sides; the two at each end do not.
    const fastFrom = Math.max(from, 2);
    const fastTo = Math.max(fastFrom, Math.min(to, nyquist - 1));
    for (let k = from; k < Math.min(to, fastFrom); k++) out[k] = windowedBinPower(x, k, nyquist);
    if (fastFrom < fastTo) {
      let lowerRe = x[2 * fastFrom - 2];
      let lowerIm = x[2 * fastFrom - 1];
      let re = x[2 * fastFrom];
      let im = x[2 * fastFrom + 1];
      for (let k = fastFrom, i = 2 * fastFrom + 2; k < fastTo; k++, i += 2) {
        const upperRe = x[i];
        const upperIm = x[i + 1];
        const yRe = re - 0.5 * (lowerRe + upperRe);
        const yIm = im - 0.5 * (lowerIm + upperIm);
        out[k] = 0.25 * (yRe * yRe + yIm * yIm);
        lowerRe = re;
        lowerIm = im;
        re = upperRe;
        im = upperIm;
      }
    }
    for (let k = fastTo; k < to; k++) out[k] = windowedBinPower(x, k, nyquist);
  }
}

/** fft.js in float64 JavaScript, the window applied to the samples: sizes PFFFT lacks, and float64. */
class FftJsHannPowerSpectrum implements HannPowerSpectrum {
  readonly precision = 'float64';
  private readonly fft: FFT;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly spectrum: Float64Array;

  constructor(readonly size: number) {
    this.fft = new FFT(size);
    this.window = hannWindow(size);
    this.frame = new Float64Array(size);
    this.spectrum = new Float64Array(2 * size);
  }

  framePower(signal: Float32Array, first: number, out: Float64Array, from: number, to: number): void {
    windowFrame(signal, first, this.window, this.frame);
    // realTransform fills bins 0 .. size / 2 (the left half), all a power spectrum needs.
    this.fft.realTransform(this.spectrum, this.frame);
    const z = this.spectrum;
    for (let k = from; k < to; k++) out[k] = z[2 * k] * z[2 * k] + z[2 * k + 1] * z[2 * k + 1];
  }
}

/**
 * The Hann power spectrum for a power-of-two `size`: PFFFT (float32) where it has the size (>= 32),
 * fft.js (float64) when float64 is asked for or for smaller sizes.
 */
export function hannPowerSpectrum(size: number, precision: FftPrecision): HannPowerSpectrum {
  return precision === 'float32' && pffftSupportsRealSize(size)
    ? new PffftHannPowerSpectrum(size)
    : new FftJsHannPowerSpectrum(size);
}
