import { summarizeSamples } from './evaluation-summary';

const sample = (bcs: number, bhs: number, onsetF: number, rhythmF: number | null) => ({
  bcs,
  bhs,
  onsetF,
  rhythmF,
  generateSeconds: 2,
  scoreSeconds: 0.04,
});

describe('a version’s summary', () => {
  it('takes F1 of the means (the authors’ definition), not the mean of the pairs’ F1', () => {
    const summary = summarizeSamples([sample(1, 0, 0.5, 0.2), sample(0, 1, 0.3, null)]);
    expect(summary.bcs).toBe(0.5);
    expect(summary.bhs).toBe(0.5);
    expect(summary.f1).toBe(0.5);
    expect(summary.csd).toBeCloseTo(Math.SQRT1_2, 12);
    expect(summary.onsetF).toBeCloseTo(0.4, 12);
    expect(summary.rhythmF).toBe(0.2);
    expect(summary.rhythmSamples).toBe(1);
    expect(summary.samples).toBe(2);
  });

  it('has no standard deviations and no rhythm score where they are undefined', () => {
    const summary = summarizeSamples([sample(0.8, 0.6, 0.5, null)]);
    expect(summary.csd).toBeNull();
    expect(summary.hsd).toBeNull();
    expect(summary.rhythmF).toBeNull();
  });
});
