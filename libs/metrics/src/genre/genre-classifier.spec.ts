import { trainGenreClassifier } from './genre-classifier';
import { genreConfusion } from './genre-confusion';

const LABELS = ['a', 'b', 'c', 'd', 'e'];

/** Deterministic normal draws (LCG + Box-Muller), so every run sees the same data. */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** `perClass` points per label around class centres 2 apart in 12 dimensions (unit noise), in label order. */
function clusters(perClass: number, seed: number) {
  const draw = normals(seed);
  const centres = LABELS.map(() => Float64Array.from({ length: 12 }, () => draw()));
  const features: Float64Array[] = [];
  const targets: number[] = [];
  for (let i = 0; i < perClass; i++) {
    centres.forEach((centre, k) => {
      // The third feature is a constant and the fourth a large-scale copy of noise: standardisation
      // must cope with both.
      features.push(
        Float64Array.from(centre, (c, j) => (j === 2 ? 5 : j === 3 ? 1e4 * draw() : 2 * c + draw())),
      );
      targets.push(k);
    });
  }
  return { features, targets };
}

describe('trainGenreClassifier', () => {
  // Train and held-out points share their centres, so they are drawn together and split.
  const all = clusters(50, 3);
  const trainRows = all.features.slice(0, 150);
  const trainTargets = all.targets.slice(0, 150);
  const heldOut = all.features.slice(150);
  const heldOutTargets = all.targets.slice(150);

  it('separates classes it has seen, on held-out points', () => {
    const classifier = trainGenreClassifier(trainRows, trainTargets, LABELS);
    const confusion = genreConfusion(
      LABELS.length,
      heldOutTargets,
      heldOut.map((row) => classifier.predict(row).index),
    );
    expect(confusion.accuracy).toBeGreaterThan(0.85);
    const p = classifier.predict(heldOut[0]).probabilities;
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is at chance on held-out points when the training labels are shuffled', () => {
    // A rotation of the labels by the point's index breaks every link between a point and its label.
    const shuffled = trainTargets.map((_, i) => (i * 7 + Math.floor(i / 5)) % LABELS.length);
    const classifier = trainGenreClassifier(trainRows, shuffled, LABELS);
    const accuracy = genreConfusion(
      LABELS.length,
      heldOutTargets,
      heldOut.map((row) => classifier.predict(row).index),
    ).accuracy;
    expect(accuracy).toBeLessThan(0.4);
  });

  it('gives the same classifier for the same examples', () => {
    const a = trainGenreClassifier(trainRows, trainTargets, LABELS);
    const b = trainGenreClassifier(trainRows, trainTargets, LABELS);
    expect(a.loss).toBe(b.loss);
    for (const row of heldOut) expect(a.predict(row).probabilities).toEqual(b.predict(row).probabilities);
  });

  it('refuses examples it cannot fit, saying which', () => {
    expect(() => trainGenreClassifier([], [], LABELS)).toThrow(/needs examples/);
    expect(() => trainGenreClassifier([[1, 2], [1]], [0, 1], LABELS)).toThrow(/example 1 has 1 features/);
    expect(() => trainGenreClassifier([[1], [NaN]], [0, 1], LABELS)).toThrow(/example 1 feature 0 is NaN/);
    expect(() => trainGenreClassifier([[1], [2]], [0, 5], LABELS)).toThrow(/label 1 is 5/);
    expect(() => trainGenreClassifier([[1], [2]], [0, 0], ['only'])).toThrow(/at least 2 labels/);
    const classifier = trainGenreClassifier([[1], [2]], [0, 1], LABELS);
    expect(() => classifier.predict([1, 2])).toThrow(/takes 1 features, got 2/);
  });
});

describe('genreConfusion', () => {
  it('counts requested against predicted classes', () => {
    const confusion = genreConfusion(3, [0, 0, 1, 1, 1], [0, 2, 1, 1, 0]);
    expect(confusion.counts).toEqual([
      [1, 0, 1],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    expect(confusion.perClass).toEqual([0.5, 2 / 3, null]);
    expect(confusion.accuracy).toBeCloseTo(3 / 5, 12);
    expect(confusion.chance).toBeCloseTo(1 / 3, 12);
  });

  it('refuses pairs it cannot count', () => {
    expect(() => genreConfusion(3, [0], [])).toThrow(/one prediction per request/);
    expect(() => genreConfusion(3, [0], [3])).toThrow(/pair 0 \(0, 3\)/);
  });
});
