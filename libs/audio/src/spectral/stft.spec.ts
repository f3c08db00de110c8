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

  it('keeps a quiet frame clean beside a loud one (frames are transformed in pairs)', () => {
    const signal = new Float32Array(64);
    for (let i = 32; i < 64; i++) signal[i] = Math.sin(i);
    const { data, nBins } = new PowerStft({ nFft: 16, hopLength: 8, center: false }).spectrogram(signal);
    // Frames 0..2 hold only zeros; frame 3 is loud and shares an FFT with frame 2.
    for (let k = 0; k < 3 * nBins; k++) expect(data[k]).toBeLessThan(1e-25);
    expect(Math.max(...data.subarray(3 * nBins, 4 * nBins))).toBeGreaterThan(1);
  });

  it('refuses a non-power-of-two FFT, a bad hop and an empty signal', () => {
    expect(() => new PowerStft({ nFft: 1000 })).toThrow(InvalidAudioInput);
    expect(() => new PowerStft({ nFft: 1024, hopLength: 0 })).toThrow(/hop length/);
    expect(() => new PowerStft().spectrogram(new Float32Array(0))).toThrow(/empty/);
  });
});
