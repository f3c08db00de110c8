import { syncCue, syncLevel } from './sync-cue';

describe('syncCue', () => {
  it('puts the F-measure in words by level', () => {
    expect(syncLevel(0.1)).toBe('poor');
    expect(syncCue(0.1, [])).toBe(
      'Likely out of sync: onset F-measure 10% (±70 ms). Watch it before accepting.',
    );
    expect(syncCue(0.45, [])).toBe('Loosely in sync: onset F-measure 45% (±70 ms).');
    expect(syncCue(0.82, [])).toBe('In sync: onset F-measure 82% (±70 ms).');
  });

  it('says why there is no measure', () => {
    expect(syncLevel(null)).toBe('none');
    expect(syncCue(null, ['no_person'])).toMatch(/no person was found/);
    expect(syncCue(null, [])).toMatch(/no visual rhythm/);
  });
});
