import { InvalidMetricsInput } from './metrics.errors';
import { mosStatistics } from './mos';
import { studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  // scipy.stats.t.ppf(p, df)
  it.each([
    [0.975, 1, 12.706204736432095],
    [0.975, 2, 4.302652729911275],
    [0.975, 5, 2.5705818366147395],
    [0.975, 13, 2.1603686564610127],
    [0.975, 30, 2.0422724563012373],
    [0.975, 69, 1.9949454146328136],
    [0.975, 1000, 1.9623390808264074],
    [0.995, 1, 63.65674116287399],
    [0.995, 13, 3.012275838207184],
  ])('t(%p, df %p) = %p', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected) / expected).toBeLessThan(1e-9);
  });

  it('has a symmetric CDF with 0.5 at 0', () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(-1.3, 7) + studentTCdf(1.3, 7)).toBeCloseTo(1, 14);
  });
});

describe('mosStatistics', () => {
  it('gives mean, sample std and the 95% Student t interval', () => {
    // numpy/scipy: mean 3.642857142857143, std(ddof=1) 1.1507283885330302, half-width 0.664410790649669
    const s = mosStatistics([4, 5, 3, 4, 4, 2, 5, 3, 4, 4, 3, 5, 4, 1]);
    expect(s.n).toBe(14);
    expect(s.mean).toBeCloseTo(3.642857142857143, 14);
    expect(s.std).toBeCloseTo(1.1507283885330302, 14);
    expect(s.halfWidth).toBeCloseTo(0.664410790649669, 9);
    expect(s.interval?.[0]).toBeCloseTo(3.642857142857143 - 0.664410790649669, 9);
  });

  it('has no interval for one rating and refuses none, ratings outside 1-5 and bad confidence', () => {
    expect(mosStatistics([4])).toMatchObject({ mean: 4, std: null, interval: null });
    expect(() => mosStatistics([])).toThrow(InvalidMetricsInput);
    expect(() => mosStatistics([3, 6])).toThrow(expect.objectContaining({ code: 'METRICS_BAD_RATING' }));
    expect(() => mosStatistics([3, 4], 1)).toThrow(
      expect.objectContaining({ code: 'METRICS_BAD_CONFIDENCE' }),
    );
  });
});
