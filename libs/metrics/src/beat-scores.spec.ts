import { beatScores, reportedX100, summarizeBeatScores } from './beat-scores';
import { beatsPerSecond } from './beat-vector';
import { InvalidMetricsInput } from './metrics.errors';
import { beatScoresFixture, HOP_LENGTH, onsetsFixture } from './reference-fixtures.testing';

describe('beatScores', () => {
  it('divides hits by the generated beats (cover) and by the ground-truth beats (hit)', () => {
    const scores = beatScores([1, 1, 0, 1, 0], [1, 0, 1, 1, 1]);
    expect(scores).toEqual({ cover: 2 / 4, hit: 2 / 3, hits: 2, gtBeats: 3, generatedBeats: 4 });
  });

  it('cuts the ground truth to the generated length', () => {
    expect(beatScores([1, 0, 1, 1, 1], [1, 0, 1])).toMatchObject({ cover: 1, hit: 1, gtBeats: 2 });
  });

  it('gives 0 where a denominator is 0', () => {
    expect(beatScores([0, 0, 0], [1, 1, 0])).toMatchObject({ cover: 0, hit: 0 });
    expect(beatScores([1, 0, 0], [0, 0, 0])).toMatchObject({ cover: 0, hit: 0 });
  });

  it('refuses a ground truth shorter than the generated vector and values other than 0/1', () => {
    expect(() => beatScores([1, 0], [1, 0, 1])).toThrow(
      expect.objectContaining({ code: 'METRICS_GT_SHORTER' }),
    );
    expect(() => beatScores([1, 2, 0], [1, 0, 1])).toThrow(InvalidMetricsInput);
  });
});

describe('summarizeBeatScores', () => {
  it('gives means, sample standard deviations (ddof 1) and F1 of the means', () => {
    const s = summarizeBeatScores([
      { cover: 0.5, hit: 1 },
      { cover: 1, hit: 0.5 },
      { cover: 0, hit: 0 },
    ]);
    expect(s.BCS).toBeCloseTo(0.5, 15);
    expect(s.BHS).toBeCloseTo(0.5, 15);
    expect(s.CSD).toBeCloseTo(0.5, 15); // deviations -0, 0.5, -0.5: sqrt(0.5 / 2)
    expect(s.HSD).toBeCloseTo(0.5, 15);
    expect(s.F1).toBeCloseTo(0.5, 15);
  });

  it('has no standard deviation for one pair, refuses none, and gives F1 0 when both means are 0', () => {
    expect(summarizeBeatScores([{ cover: 0.3, hit: 0.6 }])).toMatchObject({ CSD: null, HSD: null });
    expect(() => summarizeBeatScores([])).toThrow(expect.objectContaining({ code: 'METRICS_EMPTY_SET' }));
    expect(summarizeBeatScores([{ cover: 0, hit: 0 }]).F1).toBe(0);
  });

  it('reports x100 as the paper does', () => {
    expect(reportedX100({ BCS: 0.5, CSD: 0.25, BHS: 0.125, HSD: null, F1: 0.2 })).toEqual({
      BCS: 50,
      CSD: 25,
      BHS: 12.5,
      HSD: null,
      F1: 20,
    });
  });
});

describe('reference beat scores (beat_scores.json)', () => {
  const sr = onsetsFixture.sample_rate;
  const vectors = (name: string): { given: number[]; computed: Uint8Array } => {
    const clip = onsetsFixture.clips[name];
    const times = clip.onset_frames.map((f) => (f * HOP_LENGTH) / sr);
    return { given: clip.beats_per_second, computed: beatsPerSecond(times, clip.samples, sr) };
  };
  const pairs = beatScoresFixture.pairs.map((pair) => {
    const gt = vectors(pair.gt);
    const generated = vectors(pair.generated);
    return {
      pair,
      fromGiven: beatScores(gt.given, generated.given),
      fromOnsets: beatScores(gt.computed, generated.computed),
    };
  });

  it.each(pairs.map((p, i) => [i, p.pair.gt, p.pair.generated]))(
    'pair %i (%s, %s): cover and hit within 1e-9',
    (i) => {
      const { pair, fromGiven, fromOnsets } = pairs[i as number];
      for (const scores of [fromGiven, fromOnsets]) {
        expect(Math.abs(scores.cover - pair.cover)).toBeLessThan(1e-9);
        expect(Math.abs(scores.hit - pair.hit)).toBeLessThan(1e-9);
      }
    },
  );

  it('summary BCS, CSD, BHS, HSD, F1 within 1e-9', () => {
    const summary = summarizeBeatScores(pairs.map((p) => p.fromOnsets));
    const expected = beatScoresFixture.summary;
    for (const key of ['BCS', 'CSD', 'BHS', 'HSD', 'F1'] as const) {
      expect([key, Math.abs((summary[key] as number) - expected[key]) < 1e-9]).toEqual([key, true]);
    }
  });
});
