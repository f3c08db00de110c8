import { gaussianNoise, initialNoise, replayNoise, seededNoise, Xoshiro128 } from './random';

describe('Xoshiro128', () => {
  it('reproduces the reference xoshiro128** outputs from state {1, 2, 3, 4}', () => {
    // First outputs of Blackman and Vigna's xoshiro128starstar.c from s = {1, 2, 3, 4}, worked by hand:
    // rotl(2 * 5, 7) * 9 = 11520; after one update s1 = 0, so the second output is 0.
    const rng = Xoshiro128.fromState([1, 2, 3, 4]);
    expect(rng.nextUint32()).toBe(11520);
    expect(rng.nextUint32()).toBe(0);
  });

  it('gives the same stream for the same seed and different streams otherwise', () => {
    const a = new Xoshiro128(42, 3);
    const b = new Xoshiro128(42, 3);
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(first);
    const otherSeed = new Xoshiro128(43, 3);
    const otherStream = new Xoshiro128(42, 4);
    expect(Array.from({ length: 8 }, () => otherSeed.nextUint32())).not.toEqual(first);
    expect(Array.from({ length: 8 }, () => otherStream.nextUint32())).not.toEqual(first);
  });

  it('separates seeds above 2^32', () => {
    expect(gaussianNoise(2 ** 32 + 5, 0, 4)).not.toEqual(gaussianNoise(5, 0, 4));
  });

  it('refuses negative or fractional seeds', () => {
    expect(() => new Xoshiro128(-1)).toThrow(RangeError);
    expect(() => new Xoshiro128(0.5)).toThrow(RangeError);
  });
});

describe('gaussian noise', () => {
  it('has zero mean, unit variance and Gaussian kurtosis', () => {
    const z = gaussianNoise(7, 0, 200_001);
    let m1 = 0;
    for (const v of z) m1 += v;
    m1 /= z.length;
    let m2 = 0;
    let m4 = 0;
    for (const v of z) {
      m2 += (v - m1) ** 2;
      m4 += (v - m1) ** 4;
    }
    m2 /= z.length;
    m4 /= z.length;
    expect(Math.abs(m1)).toBeLessThan(0.01);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.015);
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(0.05);
  });

  it('keys step noise by step, apart from the initial noise', () => {
    const noise = seededNoise(9);
    expect(noise(2, 16)).toEqual(noise(2, 16));
    expect(noise(2, 16)).toEqual(gaussianNoise(9, 3, 16));
    expect(noise(0, 16)).not.toEqual(initialNoise(9, 16));
  });

  it('replays recorded noise and says when a step is missing or the wrong size', () => {
    const recorded = [new Float32Array([1, 2]), new Float32Array([3, 4])];
    const replay = replayNoise(recorded);
    expect(replay(1, 2)).toBe(recorded[1]);
    expect(() => replay(2, 2)).toThrow(/no recorded noise for step 2/);
    expect(() => replay(0, 3)).toThrow(/has 2 values, the sampler needs 3/);
  });
});
