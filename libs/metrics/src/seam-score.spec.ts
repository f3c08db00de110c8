import { interiorPoints, type LogMelSpectrogram, seamScore } from './seam-score';

const FRAME_RATE = 22050 / 512;

/** A 64-band log-mel spectrogram of `seconds`, each band at level(t, m) dB plus deterministic jitter. */
function spectrogram(seconds: number, level: (t: number, m: number) => number): LogMelSpectrogram {
  const nMels = 64;
  const frames = Math.round(seconds * FRAME_RATE);
  const data = new Float32Array(frames * nMels);
  let state = 12345;
  for (let t = 0; t < frames; t++) {
    for (let m = 0; m < nMels; m++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      data[t * nMels + m] = level(t / FRAME_RATE, m) + 3 * (state / 2 ** 32 - 0.5);
    }
  }
  return { nMels, frames, data, frameRate: FRAME_RATE };
}

const every = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) }, (_, i) => from + i * step);

describe('seamScore', () => {
  it('finds nothing at seams where the music does not change', () => {
    const score = seamScore({
      spectrogram: spectrogram(20, (_, m) => -40 - m / 2),
      onsetTimes: every(0.25, 20, 0.5),
      duration: 20,
      seams: [6.1, 13.1],
    });
    expect(Math.abs(score.spectralZ)).toBeLessThan(2);
    expect(score.seamSummary.meanDensityJump).toBeLessThan(0.5);
    expect(score.seamSummary.meanTempoJump).toBeLessThan(1);
    expect(score.interiorSummary.points).toBeGreaterThan(20);
  });

  it('flags a seam where the spectrum, the onset density and the tempo jump', () => {
    const score = seamScore({
      spectrogram: spectrogram(20, (t, m) => (t < 10 ? -40 - m / 2 : -30 - m / 4)),
      onsetTimes: [...every(0.25, 10, 0.5), ...every(10.1, 20, 0.2)],
      duration: 20,
      seams: [10],
    });
    expect(score.spectralZ).toBeGreaterThan(3);
    expect(score.seamPercentile).toBe(1);
    const [seam] = score.seams;
    expect(seam.densityBefore).toBeCloseTo(2, 1);
    expect(seam.densityAfter).toBeCloseTo(5, 1);
    expect(seam.tempoBefore).toBeCloseTo(120, 5);
    expect(seam.tempoAfter).toBeCloseTo(300, 5);
  });

  it('scores the onsets against the visual rhythm near the seams, away from them and overall', () => {
    const beats = every(0.25, 20, 0.5);
    // The onsets follow the rhythm, except within 1.5 s of the seam, where they are 0.2 s late.
    const played = beats.map((t) => (Math.abs(t - 10) < 1.5 ? t + 0.2 : t));
    const score = seamScore({
      spectrogram: spectrogram(20, () => -40),
      onsetTimes: played,
      duration: 20,
      seams: [10],
      rhythmTimes: beats,
    });
    expect(score.rhythmAwayFromSeams?.fMeasure).toBe(1);
    expect(score.rhythmNearSeams?.fMeasure).toBe(0);
    expect(score.rhythmWhole?.reference).toBe(beats.length);
    expect(
      seamScore({ spectrogram: spectrogram(5, () => -40), onsetTimes: [], duration: 5, seams: [2] })
        .rhythmWhole,
    ).toBeNull();
  });

  it('takes interior points away from the seams and the ends, and refuses a malformed spectrogram', () => {
    expect(interiorPoints(6, [3], 1.5)).toEqual([1.5, 4.5]);
    const bad = { nMels: 2, frames: 3, data: new Float32Array(5), frameRate: FRAME_RATE };
    expect(() => seamScore({ spectrogram: bad, onsetTimes: [], duration: 1, seams: [] })).toThrow(
      /needs that many/,
    );
  });
});
