import { hannWindow } from './hann-window';

describe('hannWindow', () => {
  it('is the periodic Hann window (scipy get_window("hann", N), fftbins=True)', () => {
    const n = 2048;
    const window = hannWindow(n);
    expect(window).toHaveLength(n);
    expect(window[0]).toBe(0);
    expect(window[n / 2]).toBe(1);
    for (const k of [1, 100, 512, 1023, 2047]) {
      expect(window[k]).toBeCloseTo(0.5 - 0.5 * Math.cos((2 * Math.PI * k) / n), 14);
      // Periodic, not symmetric: w[k] == w[N - k], and the last sample is not 0.
      expect(window[k]).toBeCloseTo(window[(n - k) % n], 14);
    }
    expect(window[n - 1]).toBeGreaterThan(0);
  });
});
