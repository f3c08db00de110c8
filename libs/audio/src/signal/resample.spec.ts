import { InvalidAudioInput } from '../audio.errors';
import { resample } from './resample';

function sine(frequency: number, rate: number, seconds: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate + 0.3);
  return out;
}

/**
 * Least-squares fit of a sin + b cos at `frequency` over the middle half of the signal (away from the
 * edges, where the input ends): the amplitude hypot(a, b) and the RMS of what the sine leaves unexplained.
 */
function fitSine(
  signal: Float32Array,
  rate: number,
  frequency: number,
): { amplitude: number; residualRms: number } {
  const from = Math.floor(signal.length / 4);
  const to = Math.floor((3 * signal.length) / 4);
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let sy = 0;
  let cy = 0;
  for (let i = from; i < to; i++) {
    const phase = (2 * Math.PI * frequency * i) / rate;
    const s = Math.sin(phase);
    const c = Math.cos(phase);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    sy += s * signal[i];
    cy += c * signal[i];
  }
  const det = ss * cc - sc * sc;
  const a = (sy * cc - cy * sc) / det;
  const b = (cy * ss - sy * sc) / det;
  let residual = 0;
  for (let i = from; i < to; i++) {
    const phase = (2 * Math.PI * frequency * i) / rate;
    residual += (signal[i] - a * Math.sin(phase) - b * Math.cos(phase)) ** 2;
  }
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(residual / (to - from)) };
}

function rms(signal: Float32Array): number {
  const from = Math.floor(signal.length / 4);
  const to = Math.floor((3 * signal.length) / 4);
  let sum = 0;
  for (let i = from; i < to; i++) sum += signal[i] * signal[i];
  return Math.sqrt(sum / (to - from));
}

describe('resample', () => {
  it.each([
    [16000, 22050, 1000],
    [16000, 22050, 6500],
    [11025, 22050, 3000],
    [22050, 11025, 2000],
    [22050, 16000, 5000],
    [44100, 22050, 9000],
  ])(
    '%i Hz -> %i Hz keeps a %i Hz sine: same frequency and amplitude, nothing else',
    (from, to, frequency) => {
      const input = sine(frequency, from, 1, 0.8);
      const output = resample(input, from, to);
      expect(output.length).toBe(Math.ceil((input.length * to) / from));
      const fit = fitSine(output, to, frequency);
      expect(Math.abs(fit.amplitude - 0.8)).toBeLessThan(1e-4);
      // Images, aliases or a wrong rate would all show up here: 100 dB below the sine.
      expect(fit.residualRms).toBeLessThan(1e-5);
    },
  );

  it('a sine off by 1 Hz does not fit: the fit above does see a frequency error', () => {
    const output = resample(sine(1000, 16000, 1, 0.8), 16000, 22050);
    expect(fitSine(output, 22050, 1001).residualRms).toBeGreaterThan(0.1);
  });

  it('removes content above the new Nyquist frequency when downsampling', () => {
    // 8 kHz is above 11025 / 2: it must not fold back to 3025 Hz.
    const output = resample(sine(8000, 22050, 1, 0.8), 22050, 11025);
    expect(rms(output)).toBeLessThan(1e-5);
  });

  it('keeps the signal aligned in time (an impulse stays at the same instant)', () => {
    const input = new Float32Array(16000);
    input[8000] = 1;
    const output = resample(input, 16000, 22050);
    let peak = 0;
    for (let i = 1; i < output.length; i++) if (output[i] > output[peak]) peak = i;
    expect(peak).toBe(Math.round((8000 * 22050) / 16000));
  });

  it('returns a copy at the same rate and refuses bad rates', () => {
    const input = Float32Array.from([1, 2, 3]);
    const same = resample(input, 8000, 8000);
    expect(same).not.toBe(input);
    expect(Array.from(same)).toEqual([1, 2, 3]);
    expect(() => resample(input, 0, 8000)).toThrow(InvalidAudioInput);
    expect(() => resample(input, 8000, 22050.5)).toThrow(/target sample rate must be a positive integer/);
  });

  it('handles coprime rates that need more phases than the table holds', () => {
    const output = resample(sine(440, 22050, 0.2, 0.5), 22050, 22051);
    const fit = fitSine(output, 22051, 440);
    expect(Math.abs(fit.amplitude - 0.5)).toBeLessThan(1e-3);
    expect(fit.residualRms).toBeLessThan(4e-4);
  });
});
