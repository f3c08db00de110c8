import { gaussianNoise } from '../sampling/random';
import { crossfadeInto, overlapCorrelation } from './crossfade';

const power = (x: Float32Array) => x.reduce((sum, v) => sum + v * v, 0) / x.length;

describe('crossfadeInto', () => {
  it('joins a continuation that matches the previous window without a bump (equal gain when r = 1)', () => {
    const signal = gaussianNoise(1, 0, 3000);
    const out = signal.slice(0, 2000);
    const joined = new Float32Array(3000);
    joined.set(out);
    crossfadeInto(joined, signal.subarray(1000), 1000, 1000);
    for (let i = 0; i < 3000; i++) expect(joined[i]).toBeCloseTo(signal[i], 5);
  });

  it('keeps the power of uncorrelated signals across the fade (equal power when r = 0)', () => {
    const a = gaussianNoise(2, 0, 40000);
    const b = gaussianNoise(3, 0, 40000);
    expect(overlapCorrelation(a, b)).toBeLessThan(0.02);
    const out = a.slice();
    crossfadeInto(out, b, 0, 40000);
    // Every quarter of the fade has the power of the inputs (1), not the dip of a linear fade (0.5 mid-way).
    for (let q = 0; q < 4; q++) expect(power(out.subarray(q * 10000, (q + 1) * 10000))).toBeCloseTo(1, 1);
  });

  it('copies the first window and stops at the end of the output', () => {
    const out = new Float32Array(5);
    crossfadeInto(out, Float32Array.from([1, 2, 3, 4, 5, 6, 7]), 0, 0);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5]);
  });
});
