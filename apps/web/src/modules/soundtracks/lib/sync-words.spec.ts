import { syncDetails, syncHeadline } from './sync-words';

const sync = {
  onsets: [0.1, 0.5, 0.9, 1.3, 1.7, 2.1, 2.4, 2.8],
  visualBeats: [0.1, 0.52, 0.9, 1.5, 2.0, 2.4, 3.0, 3.3, 3.6, 4.0],
  fMeasure: 0.6111,
  precision: 0.625,
  recall: 0.6,
  toleranceSeconds: 0.07,
};

describe('sync in words', () => {
  it('puts the F-measure as a share of beats in sync', () => {
    expect(syncHeadline(sync)).toBe('61% of beats in sync');
    expect(syncHeadline({ fMeasure: 0 })).toBe('0% of beats in sync');
  });

  it('says what was counted and in what window', () => {
    expect(syncDetails(sync)).toBe(
      '8 music onsets and 10 dance beats: 6 of the beats have an onset within 70 ms (60%), and 63% of the ' +
        'onsets fall on a beat.',
    );
  });
});
