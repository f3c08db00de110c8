import { InvalidResampleInput } from './rhythm.errors';
import { resampleEnvelope, resampleLinear, resamplePeaks } from './resample';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('resampleLinear', () => {
  it('samples position i * (T - 1) / (L - 1), keeping both ends', () => {
    expect(Array.from(resampleLinear([0, 10], 5))).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(Array.from(resampleLinear([0, 4, 8, 12, 16], 3))).toEqual([0, 8, 16]);
    expect(Array.from(resampleLinear([3, 1, 2], 3))).toEqual([3, 1, 2]);
  });

  it('gives frame 0 for L = 1 and a constant for T = 1', () => {
    expect(Array.from(resampleLinear([7, 9, 11], 1))).toEqual([7]);
    expect(Array.from(resampleLinear([5], 4))).toEqual([5, 5, 5, 5]);
  });

  it('interpolates every dimension of [T][D] frames', () => {
    const out = resampleLinear(
      [
        [0, 100],
        [10, 0],
      ],
      3,
    );
    expect(out.map((row) => Array.from(row))).toEqual([
      [0, 100],
      [5, 50],
      [10, 0],
    ]);
  });

  it('refuses ragged frames, empty input and bad lengths', () => {
    expect(() => resampleLinear([[1, 2], [3]], 4)).toThrow(InvalidResampleInput);
    expect(() => resampleLinear([], 4)).toThrow(/empty/);
    expect(() => resampleLinear([1, 2], 0)).toThrow(/positive integer/);
    expect(() => resampleLinear([1, 2], 2.5)).toThrow(InvalidResampleInput);
  });
});

describe('resamplePeaks', () => {
  it('pools into floor(i * L / N) bins when shrinking', () => {
    // N = 10, L = 4: bins 0,0,0,1,1,2,2,2,3,3
    expect(Array.from(resamplePeaks([0, 0, 1, 0, 0, 0, 0, 0, 0, 1], 4))).toEqual([1, 0, 0, 1]);
    expect(Array.from(resamplePeaks([0, 0, 0, 1, 1, 0, 0, 0, 0, 0], 4))).toEqual([0, 1, 0, 0]);
  });

  it('spreads onto slots floor(i * L / N) with zeros between when growing', () => {
    // N = 4, L = 10: slots 0, 2, 5, 7
    expect(Array.from(resamplePeaks([1, 1, 0, 1], 10))).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('is the identity at L = N', () => {
    const x = [0, 1, 0, 0, 1, 1, 0];
    expect(Array.from(resamplePeaks(x, x.length))).toEqual(x);
  });

  it('keeps every peak: a bin is 1 exactly when one of its inputs is', () => {
    const rand = seeded(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 20 + Math.floor(rand() * 200);
      const length = 1 + Math.floor(rand() * 2 * n);
      const x: number[] = Array.from({ length: n }, () => (rand() < 0.15 ? 1 : 0));
      const out = resamplePeaks(x, length);
      const expected = new Uint8Array(length);
      x.forEach((v, i) => {
        if (v) expected[Math.floor((i * length) / n)] = 1;
      });
      expect(out).toEqual(expected);
      if (length >= n) expect(out.reduce((a, b) => a + b, 0)).toBe(x.reduce((a, b) => a + b, 0));
    }
  });
});

describe('resampleEnvelope', () => {
  it('max-pools with the peak bins when shrinking, so a peak keeps its height', () => {
    const env = [0, 0.2, 1, 0.1, 0, 0.5, 0.3, 0, 0, 0.9];
    expect(Array.from(resampleEnvelope(env, 4))).toEqual([1, 0.1, 0.5, 0.9]);
  });

  it('interpolates linearly when growing', () => {
    const env = [0, 1, 0.5];
    expect(resampleEnvelope(env, 9)).toEqual(resampleLinear(env, 9));
    expect(Array.from(resampleEnvelope(env, 5))).toEqual([0, 0.5, 1, 0.75, 0.5]);
  });
});
