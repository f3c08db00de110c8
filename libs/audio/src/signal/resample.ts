import { InvalidAudioInput } from '../audio.errors';
import { besselI0, kaiserBeta, kaiserWindow } from './kaiser';

export interface ResampleOptions {
  /** Zero crossings of the sinc on each side of the centre, at the lower of the two rates (default 32). */
  zeroCrossings?: number;
  /** Cutoff as a fraction of the lower Nyquist frequency (default 0.945). */
  rolloff?: number;
  /** Stopband attenuation the Kaiser window is designed for, in dB (default 100). */
  attenuationDb?: number;
}

/** Above this many phases the taps are computed per output sample instead of tabulated. */
const MAX_TABULATED_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate <= 0) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      `${name} must be a positive integer in Hz, got ${rate}`,
    );
  }
}

/** The band-limited interpolation kernel, a Kaiser-windowed sinc, with tau in input samples. */
class SincKernel {
  readonly halfWidth: number;
  private readonly i0Beta: number;

  constructor(
    private readonly cutoff: number,
    zeroCrossings: number,
    private readonly beta: number,
  ) {
    this.halfWidth = zeroCrossings / cutoff;
    this.i0Beta = besselI0(beta);
  }

  at(tau: number): number {
    const x = this.cutoff * tau;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return this.cutoff * sinc * kaiserWindow(tau / this.halfWidth, this.beta, this.i0Beta);
  }

  /** Taps for an output instant `fraction` of an input sample after input sample `base`: k = base-taps+1 .. base+taps. */
  fill(fraction: number, taps: number, out: Float64Array): void {
    for (let j = -taps + 1; j <= taps; j++) out[j + taps - 1] = this.at(fraction - j);
  }
}

/**
 * Band-limited resampling by a Kaiser-windowed sinc (after J. O. Smith, "Digital Audio Resampling",
 * the scheme of resampy and libsamplerate's sinc converters), evaluated polyphase: the rate ratio is
 * reduced to up/down = L/M, output sample n sits at input time n*M/L, and the L distinct fractional
 * offsets get precomputed tap tables. Signal outside the input counts as silence.
 */
export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  options: ResampleOptions = {},
): Float32Array {
  checkRate('source sample rate', fromRate);
  checkRate('target sample rate', toRate);
  if (fromRate === toRate) return input.slice();
  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  const rolloff = options.rolloff ?? 0.945;
  const zeroCrossings = options.zeroCrossings ?? 32;
  const kernel = new SincKernel(
    rolloff * Math.min(1, up / down),
    zeroCrossings,
    kaiserBeta(options.attenuationDb ?? 100),
  );
  const taps = Math.ceil(kernel.halfWidth);
  const width = 2 * taps;

  const tabulated = up <= MAX_TABULATED_PHASES;
  const table = new Float64Array(tabulated ? up * width : width);
  if (tabulated) {
    for (let phase = 0; phase < up; phase++)
      kernel.fill(phase / up, taps, table.subarray(phase * width, (phase + 1) * width));
  }

  const outputLength = Math.ceil((input.length * up) / down);
  const output = new Float32Array(outputLength);
  const last = input.length - 1;
  let base = 0;
  let phase = 0;
  for (let n = 0; n < outputLength; n++) {
    let offset = 0;
    if (tabulated) offset = phase * width;
    else kernel.fill(phase / up, taps, table);
    const first = base - taps + 1;
    const from = Math.max(0, -first);
    const to = Math.min(width, last - first + 1);
    let sum = 0;
    for (let j = from; j < to; j++) sum += input[first + j] * table[offset + j];
    output[n] = sum;
    phase += down;
    while (phase >= up) {
      phase -= up;
      base++;
    }
  }
  return output;
}
