import { parityContract } from '../testing/parity-fixture.testing';
import { needsWindows, planWindows } from './window-plan';

describe('planWindows', () => {
  // The parity card: 11025 Hz, lengthMultiple 64, rhythm 30/s, windows of 8192 samples, overlap 2048.
  const contract = parityContract();

  it('keeps a request that fits in one window to one window', () => {
    expect(needsWindows(contract, 8192)).toBe(false);
    expect(needsWindows(contract, 8256)).toBe(true);
    expect(planWindows(contract, 8192)).toEqual([
      { index: 0, start: 0, samples: 8192, wantedSamples: 8192, overlap: 0, tokenOffset: 0 },
    ]);
  });

  it.each([8256, 11072, 33088, 3_307_520])('covers %i samples with continuing windows', (total) => {
    const windows = planWindows(contract, total);
    const samplesPerToken = 11025 / 30;
    windows.forEach((w, k) => {
      expect(w.index).toBe(k);
      // On the rhythm-token grid, so the window's tokens are an exact slice.
      expect(Math.abs(w.start - w.tokenOffset * samplesPerToken)).toBeLessThanOrEqual(0.5);
      expect(w.samples % 64).toBe(0);
      expect(w.samples).toBeLessThanOrEqual(8192);
      expect(w.wantedSamples).toBeLessThanOrEqual(w.samples);
      if (k === 0) {
        expect(w.overlap).toBe(0);
      } else {
        const previous = windows[k - 1];
        expect(w.overlap).toBe(previous.start + 8192 - w.start);
        // At least the card's overlap, and always something new to generate.
        expect(w.overlap).toBeGreaterThanOrEqual(2048);
        expect(w.wantedSamples).toBeGreaterThan(w.overlap);
      }
    });
    const last = windows[windows.length - 1];
    expect(last.start + last.wantedSamples).toBe(total);
    // Linear in the length: the hop is constant.
    expect(windows.length).toBe(Math.max(1, Math.ceil((total - 8192) / windows[1].start) + 1));
  });

  it('takes another overlap when asked, and refuses one that leaves no hop', () => {
    expect(planWindows(contract, 20000, 4096)[1].overlap).toBeGreaterThanOrEqual(4096);
    expect(() => planWindows(contract, 20000, 8192)).toThrow(/overlap must be/);
    expect(() => planWindows(contract, 20000, 8000)).toThrow(/holds no rhythm token/);
  });
});
