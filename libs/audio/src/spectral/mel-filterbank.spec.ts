import { InvalidAudioInput } from '../audio.errors';
import { melFilterbank, melFilterbankToDense } from './mel-filterbank';
import { hzToMel, melFrequencies, melToHz } from './mel-scale';

describe('Slaney mel scale', () => {
  it('is linear below 1 kHz and logarithmic above, as librosa.hz_to_mel(htk=False)', () => {
    expect(hzToMel(0)).toBe(0);
    expect(hzToMel(60)).toBeCloseTo(0.9, 12);
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    // 6.4x the frequency above 1 kHz is 27 mels more.
    expect(hzToMel(6400)).toBeCloseTo(42, 12);
    for (const hz of [0, 20, 440, 999, 1000, 4000, 11025]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 9);
  });

  it('spaces frequencies evenly in mel, ending exactly at fmax', () => {
    const freqs = melFrequencies(130, 0, 11025);
    expect(freqs[0]).toBe(0);
    expect(freqs[129]).toBeCloseTo(11025, 9);
    const step = hzToMel(freqs[1]) - hzToMel(freqs[0]);
    for (let i = 1; i < 130; i++) expect(hzToMel(freqs[i]) - hzToMel(freqs[i - 1])).toBeCloseTo(step, 9);
  });
});

describe('melFilterbank (Slaney, area-normalised)', () => {
  const sampleRate = 22050;
  const nFft = 2048;
  const filterbank = melFilterbank({ sampleRate, nFft });
  const dense = melFilterbankToDense(filterbank);
  const centres = melFrequencies(130, 0, sampleRate / 2);
  const binHz = sampleRate / nFft;

  it('has 128 bands over 1025 bins with non-negative weights', () => {
    expect(filterbank.nMels).toBe(128);
    expect(filterbank.nBins).toBe(1025);
    expect(dense).toHaveLength(128);
    expect(Math.min(...dense.map((row) => Math.min(...row)))).toBe(0);
  });

  it('makes each band a triangle from centre m to centre m + 2, peaking at 2 / width', () => {
    for (const m of [0, 10, 64, 127]) {
      const lower = centres[m];
      const peak = centres[m + 1];
      const upper = centres[m + 2];
      const height = 2 / (upper - lower);
      let worst = 0;
      dense[m].forEach((weight, k) => {
        const hz = k * binHz;
        const expected =
          height * Math.max(0, Math.min((hz - lower) / (peak - lower), (upper - hz) / (upper - peak)));
        worst = Math.max(worst, Math.abs(weight - expected) / height);
      });
      // float32 weights: relative error at float32 resolution.
      expect(worst).toBeLessThan(2e-7);
    }
  });

  it('gives wide bands unit area in Hz (the point of norm="slaney")', () => {
    for (const m of [60, 100, 127]) {
      const area = dense[m].reduce((sum, weight) => sum + weight * binHz, 0);
      expect(area).toBeCloseTo(1, 2);
    }
  });

  it('stores exactly the non-zero run of each band in the sparse list', () => {
    filterbank.bands.forEach(({ start, weights }, m) => {
      expect(weights.length).toBeGreaterThan(0);
      expect(weights[0]).toBeGreaterThan(0);
      expect(weights[weights.length - 1]).toBeGreaterThan(0);
      expect(dense[m].slice(0, start).every((w) => w === 0)).toBe(true);
      expect(dense[m].slice(start + weights.length).every((w) => w === 0)).toBe(true);
    });
  });

  it('refuses impossible parameters', () => {
    expect(() => melFilterbank({ sampleRate: 22050, nFft: 2048, fmin: 5000, fmax: 4000 })).toThrow(
      InvalidAudioInput,
    );
    expect(() => melFilterbank({ sampleRate: 0, nFft: 2048 })).toThrow(/positive sample rate/);
  });
});
