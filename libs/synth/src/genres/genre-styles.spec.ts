import { InvalidSynthRequest } from '../synth.errors';
import { GENRE_STYLES, genreStyle, SYNTH_GENRES } from './genre-styles';

describe('genre styles', () => {
  it('covers the ten AIST++ genres, spelled as the manifest spells them', () => {
    expect(SYNTH_GENRES).toEqual([
      'Break',
      'Pop',
      'Lock',
      'Middle Hip-hop',
      'LA-style Hip-hop',
      'House',
      'Waack',
      'Krump',
      'Street Jazz',
      'Ballet Jazz',
    ]);
    for (const genre of SYNTH_GENRES) expect(GENRE_STYLES[genre].genre).toBe(genre);
  });

  it('resolves a genre by its name in any case or by its slug', () => {
    expect(genreStyle('Middle Hip-hop').genre).toBe('Middle Hip-hop');
    expect(genreStyle('la-style hip-hop').genre).toBe('LA-style Hip-hop');
    expect(genreStyle('ballet-jazz').genre).toBe('Ballet Jazz');
  });

  it('rejects an unknown genre with a message listing the valid ones', () => {
    let error: unknown;
    try {
      genreStyle('Tango');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSynthRequest);
    expect((error as InvalidSynthRequest).code).toBe('SYNTH_UNKNOWN_GENRE');
    for (const genre of SYNTH_GENRES) expect((error as Error).message).toContain(`"${genre}"`);
  });

  it('keeps patterns on the 16-step grid and tempos where 8th notes stay 6 pose frames apart', () => {
    for (const style of Object.values(GENRE_STYLES)) {
      const [lo, hi] = style.groove.bpm;
      expect(lo).toBeLessThan(hi);
      expect(60 / hi / 2).toBeGreaterThanOrEqual(6 / 30);
      for (const pattern of style.groove.patterns) {
        for (const step of [...pattern.kick, ...pattern.snare, ...pattern.hat, ...pattern.openHat]) {
          expect(Number.isInteger(step) && step >= 0 && step < 16).toBe(true);
        }
        // Every groove starts its bar with a kick: the downbeat the chord and the dancer land on.
        expect(pattern.kick).toContain(0);
      }
    }
  });
});
