import { GENRE_STYLES, SYNTH_GENRES } from '../genres/genre-styles';
import { SeededRandom } from '../random/seeded-random';
import { composeScore, MIN_ACCENT_GAP, type SynthScore } from './event-score';

const SECONDS = 25;

function scoresOf(seeds: number[]): SynthScore[] {
  return SYNTH_GENRES.flatMap((genre) =>
    seeds.map((seed) => composeScore(GENRE_STYLES[genre], SECONDS, new SeededRandom(seed, 'score'))),
  );
}

describe('composeScore', () => {
  const scores = scoresOf([0, 1, 2, 3]);

  it('draws the tempo from the genre range', () => {
    for (const score of scores) {
      const [lo, hi] = GENRE_STYLES[score.genre].groove.bpm;
      expect(score.bpm).toBeGreaterThanOrEqual(lo);
      expect(score.bpm).toBeLessThanOrEqual(hi);
      expect(score.beatSeconds).toBeCloseTo(60 / score.bpm, 12);
    }
  });

  it('keeps accents inside the clip, in order, and far enough apart for both onset detectors', () => {
    for (const score of scores) {
      expect(score.accents.length).toBeGreaterThan(20);
      expect(score.accents[0].time).toBeGreaterThan(0);
      expect(score.accents[score.accents.length - 1].time).toBeLessThan(SECONDS);
      for (let i = 1; i < score.accents.length; i++) {
        expect(score.accents[i].time - score.accents[i - 1].time).toBeGreaterThanOrEqual(
          MIN_ACCENT_GAP - 1e-9,
        );
      }
      for (const accent of score.accents) {
        expect(accent.strength).toBeGreaterThan(0);
        expect(accent.strength).toBeLessThanOrEqual(1);
      }
    }
  });

  it('plays no drums in a break', () => {
    let breaks = 0;
    for (const score of scores) {
      for (const bar of score.bars) {
        if (bar.rest === 'none') continue;
        breaks++;
        const from = bar.start + (bar.rest === 'half' ? 2 : 0) * score.beatSeconds - 0.03;
        const to = bar.start + 4 * score.beatSeconds - 0.03;
        expect(score.hits.filter((h) => h.time > from && h.time < to)).toEqual([]);
      }
    }
    expect(breaks).toBeGreaterThan(0);
  });

  it('starts every bass and chord note on an accent, so the music has no onset the dancer misses', () => {
    for (const score of scores) {
      const accentTimes = new Set(score.accents.map((a) => a.time));
      for (const note of [...score.bass, ...score.chords]) expect(accentTimes.has(note.time)).toBe(true);
      const kicks = score.hits.filter((h) => h.kind === 'kick').map((h) => h.time);
      expect(score.bass.map((n) => n.time)).toEqual(kicks);
    }
  });

  it('syncopates: some accents fall off the 8th-note grid', () => {
    const offGrid = scores.flatMap((score) => {
      const first = score.bars[0].start;
      return score.hits.filter((h) => {
        const sixteenths = ((h.time - first) / score.beatSeconds) * 4;
        return Math.round(sixteenths) % 2 === 1;
      });
    });
    expect(offGrid.length).toBeGreaterThan(10);
  });
});
