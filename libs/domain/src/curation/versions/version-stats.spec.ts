import { versionStats } from './version-stats';

describe('versionStats', () => {
  it('counts segments per category, length, genre and split, source videos, and total hours', () => {
    const stats = versionStats([
      { videoId: 'a', category: 'DANCE', lengthSeconds: 25, genre: 'Pop', split: 'TRAIN' },
      { videoId: 'a', category: 'DANCE', lengthSeconds: 25, genre: 'Pop', split: 'TRAIN' },
      { videoId: 'b', category: 'FIGURE_SKATING', lengthSeconds: 50, genre: null, split: 'TEST' },
      { videoId: 'c', category: 'FIGURE_SKATING', lengthSeconds: 25, genre: 'Waltz', split: 'VALID' },
    ]);
    expect(stats).toEqual({
      segments: 4,
      totalSeconds: 125,
      totalHours: 0.035,
      sourceVideos: 3,
      byCategory: { DANCE: 2, FIGURE_SKATING: 2 },
      byLength: { '25': 3, '50': 1 },
      byGenre: { Pop: 2, '': 1, Waltz: 1 },
      bySplit: { TRAIN: 2, TEST: 1, VALID: 1 },
    });
  });
});
