import { InvalidAudioInput } from '../audio.errors';
import { hannWindow } from './hann-window';
import { PowerStft } from './stft';

/** numpy.pad(y, pad, mode='reflect') written out plainly (edges not repeated), for pad < y.length. */
function reflectPad(y: Float32Array, pad: number): Float64Array {
  const out = new Float64Array(y.length + 2 * pad);
  for (let i = 0; i < pad; i++) {
    out[pad - 1 - i] = y[i + 1];
    out[pad + y.length + i] = y[y.length - 2 - i];
  }
  out.set(y, pad);
  return out;
}

/** |DFT|^2 of frame t by the O(N^2) definition. */
function naivePower(padded: Float64Array, t: number, nFft: number, hop: number): number[] {
  const window = hannWindow(nFft);
  const power: number[] = [];
  for (let k = 0; k <= nFft / 2; k++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < nFft; j++) {
      const x = padded[t * hop + j] * window[j];
      re += x * Math.cos((2 * Math.PI * k * j) / nFft);
      im -= x * Math.sin((2 * Math.PI * k * j) / nFft);
    }
    power.push(re * re + im * im);
  }
  return power;
}

function randomSignal(length: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
}

describe('PowerStft', () => {
  it('counts centred frames as librosa does: 1 + floor(n / hop)', () => {
    const stft = new PowerStft({ nFft: 2048, hopLength: 512 });
    expect(stft.frameCount(551250)).toBe(1077);
    expect(stft.frameCount(1)).toBe(1);
    expect(new PowerStft({ nFft: 2048, hopLength: 512, center: false }).frameCount(2047)).toBe(0);
  });

  it.each([
    [40, 16, 4],
    [41, 16, 4],
    [100, 32, 8],
  ])(
    'matches a direct DFT of reflect-padded, Hann-windowed frames (n=%i, nFft=%i, hop=%i)',
    (n, nFft, hop) => {
      const signal = randomSignal(n, n);
      const stft = new PowerStft({ nFft, hopLength: hop });
      const { frames, nBins, data } = stft.spectrogram(signal);
      expect(frames).toBe(1 + Math.floor(n / hop));
      const padded = reflectPad(signal, nFft / 2);
      for (let t = 0; t < frames; t++) {
        const expected = naivePower(padded, t, nFft, hop);
        for (let k = 0; k < nBins; k++) expect(data[t * nBins + k]).toBeCloseTo(expected[k], 5);
      }
    },
  );

  it('pads a signal shorter than half a frame by repeated reflection, as numpy does', () => {
    const signal = Float32Array.from([1, -1, 0.5]);
    const { data, nBins } = new PowerStft({ nFft: 16, hopLength: 4 }).spectrogram(signal);
    // numpy.pad([1, -1, 0.5], 8, 'reflect') = [1, -1, 0.5, -1, 1, -1, 0.5, -1, | 1, -1, 0.5 |, -1, 1, ...]
    const padded = Float64Array.from([
      1, -1, 0.5, -1, 1, -1, 0.5, -1, 1, -1, 0.5, -1, 1, -1, 0.5, -1, 1, -1, 0.5,
    ]);
    const expected = naivePower(padded, 0, 16, 4);
    for (let k = 0; k < nBins; k++) expect(data[k]).toBeCloseTo(expected[k], 5);
  });

  it('keeps a quiet frame clean beside a loud one', () => {
    const signal = new Float32Array(128);
    for (let i = 64; i < 128; i++) signal[i] = Math.sin(i);
    const { data, nBins } = new PowerStft({ nFft: 32, hopLength: 16, center: false }).spectrogram(signal);
    // Frames 0..2 hold only zeros; frame 3 overlaps the loud half.
    expect(data.subarray(0, 3 * nBins).every((power) => power === 0)).toBe(true);
    expect(Math.max(...data.subarray(3 * nBins, 4 * nBins))).toBeGreaterThan(1);
  });

  it('uses PFFFT (float32) by default from nFft 32 on, fft.js (float64) below or when asked', () => {
    expect(new PowerStft({ nFft: 2048 }).precision).toBe('float32');
    expect(new PowerStft({ nFft: 32 }).precision).toBe('float32');
    expect(new PowerStft({ nFft: 16 }).precision).toBe('float64');
    expect(new PowerStft({ nFft: 2048, precision: 'float64' }).precision).toBe('float64');
  });

  it.each([32, 64, 2048])(
    'gives the same power in float32 and float64 to float32 rounding of the frame (nFft=%i)',
    (nFft) => {
      const signal = randomSignal(nFft * 6 + 7, nFft);
      // A loud tone over the noise, so bins span a wide dynamic range as in music.
      signal.forEach((x, i) => (signal[i] = x * 0.01 + 0.8 * Math.sin(i * 0.3)));
      const single = new PowerStft({ nFft, precision: 'float32' }).spectrogram(signal);
      const double = new PowerStft({ nFft, precision: 'float64' }).spectrogram(signal);
      const { nBins, frames } = double;
      let worst = 0;
      for (let t = 0; t < frames; t++) {
        const frame = double.data.subarray(t * nBins, (t + 1) * nBins);
        const energy = frame.reduce((sum, power) => sum + power, 0);
        frame.forEach((power, k) => {
          worst = Math.max(worst, Math.abs(single.data[t * nBins + k] - power) / energy);
        });
      }
      // Every bin, the two at each end included, within float32 rounding of its frame's energy.
      expect(worst).toBeLessThan(1e-6);
    },
  );

  it('computes only the requested bins of a frame', () => {
    const stft = new PowerStft({ nFft: 64, hopLength: 16 });
    const signal = randomSignal(300, 3);
    const all = new Float64Array(stft.nBins);
    stft.powerFrame(signal, 5, all);
    for (const [from, to] of [
      [0, 1],
      [0, 3],
      [1, 31],
      [30, 33],
      [32, 33],
      [10, 20],
    ]) {
      const some = new Float64Array(stft.nBins).fill(-1);
      stft.powerFrame(signal, 5, some, from, to);
      some.forEach((power, k) => expect(power).toBe(k >= from && k < to ? all[k] : -1));
    }
  });

  it('refuses a non-power-of-two FFT, a bad hop and an empty signal', () => {
    expect(() => new PowerStft({ nFft: 1000 })).toThrow(InvalidAudioInput);
    expect(() => new PowerStft({ nFft: 1024, hopLength: 0 })).toThrow(/hop length/);
    expect(() => new PowerStft().spectrogram(new Float32Array(0))).toThrow(/empty/);
  });
});
