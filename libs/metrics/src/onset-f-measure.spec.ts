import { InvalidMetricsInput } from './metrics.errors';
import { onsetFMeasure, summarizeOnsetFMeasures } from './onset-f-measure';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Maximum bipartite matching by augmenting paths (Kuhn), the size mir_eval's Hopcroft-Karp finds. */
function maximumMatching(ref: number[], est: number[], window: number): number {
  const owner = new Array<number>(est.length).fill(-1);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < est.length; j++) {
      if (seen[j] || est[j] - window > ref[i] || ref[i] > est[j] + window) continue;
      seen[j] = true;
      if (owner[j] < 0 || augment(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let i = 0; i < ref.length; i++) if (augment(i, new Array(est.length).fill(false))) size++;
  return size;
}

describe('onsetFMeasure', () => {
  it('scores identical onsets 1', () => {
    expect(onsetFMeasure([0.5, 1, 2.25], [0.5, 1, 2.25])).toMatchObject({
      precision: 1,
      recall: 1,
      fMeasure: 1,
      matches: 3,
      toleranceMs: 70,
    });
  });

  it('matches an estimate 69 ms off and not one 71 ms off, either side', () => {
    expect(onsetFMeasure([1], [1.069]).matches).toBe(1);
    expect(onsetFMeasure([1], [0.931]).matches).toBe(1);
    expect(onsetFMeasure([1], [1.071]).matches).toBe(0);
    expect(onsetFMeasure([1], [0.929]).matches).toBe(0);
    expect(onsetFMeasure([1], [1.071], { toleranceMs: 72 }).matches).toBe(1);
  });

  it('counts an estimate exactly at the tolerance (<=, as mir_eval)', () => {
    expect(onsetFMeasure([0.5], [0.625], { toleranceMs: 125 }).matches).toBe(1);
  });

  it('matches each onset at most once', () => {
    const twoForOne = onsetFMeasure([1], [0.98, 1.0, 1.03]);
    expect(twoForOne).toMatchObject({ matches: 1, precision: 1 / 3, recall: 1 });
    expect(twoForOne.fMeasure).toBeCloseTo(0.5, 15);
    expect(onsetFMeasure([0.97, 1.0, 1.03], [1])).toMatchObject({ matches: 1, precision: 1, recall: 1 / 3 });
  });

  it('finds the largest matching where taking the nearest estimate would lose one', () => {
    // 0.1's nearest estimate is 0.06; giving it to 0.0 and 0.16 to 0.1 matches both
    expect(onsetFMeasure([0.0, 0.1], [0.06, 0.16]).matches).toBe(2);
    expect(onsetFMeasure([0.06, 0.16], [0.0, 0.1]).matches).toBe(2);
  });

  it('agrees with a maximum bipartite matching on random onsets, in any order', () => {
    const rand = seeded(3);
    for (let trial = 0; trial < 300; trial++) {
      const ref = Array.from({ length: Math.floor(rand() * 25) }, () => rand() * 3);
      const est = Array.from({ length: Math.floor(rand() * 25) }, () => rand() * 3);
      const toleranceMs = 20 + rand() * 150;
      expect(onsetFMeasure(ref, est, { toleranceMs }).matches).toBe(
        maximumMatching(ref, est, toleranceMs / 1000),
      );
    }
  });

  it('scores 0 when either side is empty', () => {
    expect(onsetFMeasure([], [1, 2])).toMatchObject({ precision: 0, recall: 0, fMeasure: 0 });
    expect(onsetFMeasure([1, 2], [])).toMatchObject({ precision: 0, recall: 0, fMeasure: 0 });
  });

  it('refuses bad times and tolerances', () => {
    expect(() => onsetFMeasure([NaN], [1])).toThrow(InvalidMetricsInput);
    expect(() => onsetFMeasure([1], [-1])).toThrow(/estimated\[0\]/);
    expect(() => onsetFMeasure([1], [1], { toleranceMs: 0 })).toThrow(
      expect.objectContaining({ code: 'METRICS_BAD_TOLERANCE' }),
    );
  });
});

describe('summarizeOnsetFMeasures', () => {
  it('gives per-pair means and pooled scores', () => {
    const a = onsetFMeasure([1, 2], [1, 2]); // 2 of 2
    const b = onsetFMeasure([1, 2, 3, 4], [5]); // 0 of 4, 0 of 1
    const s = summarizeOnsetFMeasures([a, b]);
    expect(s).toMatchObject({ meanPrecision: 0.5, meanRecall: 0.5, meanFMeasure: 0.5, pairs: 2 });
    expect(s.precision).toBeCloseTo(2 / 3, 15);
    expect(s.recall).toBeCloseTo(2 / 6, 15);
    expect(s.fMeasure).toBeCloseTo((2 * (2 / 3) * (1 / 3)) / (2 / 3 + 1 / 3), 15);
    expect(() => summarizeOnsetFMeasures([])).toThrow(InvalidMetricsInput);
  });
});
