import { DEFAULT_SCREENING, pearsonR, ScreenedVote, screenSession, sessionCounts } from './session-screening';

const test = (score: number, seconds = 2): ScreenedVote => ({
  kind: 'TEST',
  score,
  expectedScore: null,
  seconds,
});
const good = [test(4), test(2), test(5), test(3)];
const slow = { ratingSeconds: 100 };

describe('screenSession', () => {
  it('passes an attentive session', () => {
    expect(
      screenSession(
        [...good, { kind: 'TRAP', score: 2, expectedScore: 2, seconds: 4 }],
        slow,
        DEFAULT_SCREENING,
      ),
    ).toEqual([]);
  });

  it('excludes a failed trap', () => {
    expect(
      screenSession(
        [...good, { kind: 'TRAP', score: 3, expectedScore: 2, seconds: 4 }],
        slow,
        DEFAULT_SCREENING,
      ),
    ).toEqual(['TRAP_FAILED']);
  });

  it('excludes a gold clip missed by more than 1, not by exactly 1', () => {
    const gold = (score: number): ScreenedVote => ({ kind: 'GOLD', score, expectedScore: 5, seconds: 2 });
    expect(screenSession([...good, gold(4)], slow, DEFAULT_SCREENING)).toEqual([]);
    expect(screenSession([...good, gold(3)], slow, DEFAULT_SCREENING)).toEqual(['GOLD_MISSED']);
  });

  it('excludes a session faster than its clips last', () => {
    expect(screenSession(good, { ratingSeconds: 7.9 }, DEFAULT_SCREENING)).toEqual(['TOO_FAST']);
    expect(screenSession(good, { ratingSeconds: 8 }, DEFAULT_SCREENING)).toEqual([]);
  });

  it('excludes one answer throughout, and keeps every reason', () => {
    const same = [
      test(3),
      test(3),
      test(3),
      { kind: 'TRAP', score: 1, expectedScore: 5, seconds: 1 } as ScreenedVote,
    ];
    expect(screenSession(same, { ratingSeconds: 1 }, DEFAULT_SCREENING)).toEqual([
      'TRAP_FAILED',
      'TOO_FAST',
      'SAME_ANSWER',
    ]);
  });

  it('applies only the rules that are on', () => {
    const same = [test(3), test(3)];
    expect(screenSession(same, slow, { ...DEFAULT_SCREENING, sameAnswer: false })).toEqual([]);
  });
});

describe('pearsonR', () => {
  it('is 1 for a rater who agrees in shape, -1 for the opposite, null for a constant series', () => {
    expect(pearsonR([1, 2, 3, 4], [2, 3, 4, 5])).toBeCloseTo(1, 12);
    expect(pearsonR([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearsonR([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(pearsonR([1, 2], [1, 2])).toBeNull();
  });

  it('matches a hand-computed value', () => {
    // x = 1..5, y = 2 4 5 4 5: r = 6 / sqrt(10 * 6) = 0.7746
    expect(pearsonR([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.774597, 5);
  });
});

describe('sessionCounts', () => {
  it('lets the owner override the rules either way', () => {
    expect(sessionCounts(true, null)).toBe(false);
    expect(sessionCounts(true, 'INCLUDE')).toBe(true);
    expect(sessionCounts(false, 'EXCLUDE')).toBe(false);
    expect(sessionCounts(false, null)).toBe(true);
  });
});
