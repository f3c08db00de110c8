import { deriveSeed, SeededRandom } from './seeded-random';

function draws(rng: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('SeededRandom (sfc32)', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draws(new SeededRandom(42, 'score'), 64)).toEqual(draws(new SeededRandom(42, 'score'), 64));
  });

  it('gives unrelated sequences for other seeds and other streams', () => {
    const base = draws(new SeededRandom(42, 'score'), 64);
    const otherSeed = draws(new SeededRandom(43, 'score'), 64);
    const otherStream = draws(new SeededRandom(42, 'audio'), 64);
    const same = (a: number[], b: number[]) => a.filter((v, i) => v === b[i]).length;
    expect(same(base, otherSeed)).toBeLessThan(2);
    expect(same(base, otherStream)).toBeLessThan(2);
  });

  it('derives distinct 32-bit seeds per label', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(7, 'example', i)));
    expect(seeds.size).toBe(1000);
    for (const s of seeds) expect(s >>> 0).toBe(s);
    expect(deriveSeed(7, 'example', 3)).toBe(deriveSeed(7, 'example', 3));
  });

  it('draws uniforms in [0, 1) with the moments of U(0, 1)', () => {
    const rng = new SeededRandom(1);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (u < 0 || u >= 1) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new SeededRandom(2);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
  });

  it('draws integers over the whole inclusive range and shuffles to a permutation', () => {
    const rng = new SeededRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(2, 6));
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6]);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});
