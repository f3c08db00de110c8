import { beatsPerSecond } from './beat-vector';
import { InvalidMetricsInput } from './metrics.errors';
import { HOP_LENGTH, onsetsFixture } from './reference-fixtures.testing';

describe('beatsPerSecond', () => {
  it('sets bin trunc(t) of ceil(samples / sr) one-second bins', () => {
    expect(Array.from(beatsPerSecond([0.2, 0.9, 2.999, 3.0, 4.5], 22050 * 4.5, 22050))).toEqual([
      1, 0, 1, 1, 1,
    ]);
    expect(beatsPerSecond([], 22050 * 25, 22050).length).toBe(25);
    expect(beatsPerSecond([], 22050 * 25 + 1, 22050).length).toBe(26);
  });

  it('refuses onsets past the last bin, negative or NaN times and bad rates', () => {
    expect(() => beatsPerSecond([5.0], 22050 * 5, 22050)).toThrow(
      expect.objectContaining({ code: 'METRICS_TIME_OUT_OF_RANGE' }),
    );
    expect(() => beatsPerSecond([-0.1], 22050, 22050)).toThrow(InvalidMetricsInput);
    expect(() => beatsPerSecond([NaN], 22050, 22050)).toThrow(/finite/);
    expect(() => beatsPerSecond([0.1], 22050, 0)).toThrow(
      expect.objectContaining({ code: 'METRICS_BAD_SAMPLE_RATE' }),
    );
    expect(() => beatsPerSecond([0.1], 1.5, 22050)).toThrow(
      expect.objectContaining({ code: 'METRICS_BAD_SAMPLE_COUNT' }),
    );
  });

  describe.each(Object.keys(onsetsFixture.clips))('reference clip %s', (name) => {
    const clip = onsetsFixture.clips[name];
    const sr = onsetsFixture.sample_rate;

    it('gives the reference vector from the onset frames', () => {
      const times = clip.onset_frames.map((f) => (f * HOP_LENGTH) / sr);
      expect(Array.from(beatsPerSecond(times, clip.samples, sr))).toEqual(clip.beats_per_second);
    });

    it('gives the reference vector from the rounded onset times', () => {
      expect(Array.from(beatsPerSecond(clip.onset_times, clip.samples, sr))).toEqual(clip.beats_per_second);
    });
  });
});
