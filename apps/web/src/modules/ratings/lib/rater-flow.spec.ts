import {
  answersBestFirst,
  endsSession,
  progressPercent,
  RaterApiError,
  raterErrorFrom,
  scoreForKey,
  stepOf,
  type RaterState,
} from './rater-flow';

const state = (over: Partial<RaterState> = {}): RaterState => ({
  stage: 'CONSENT',
  question: 'How good?',
  labels: ['Bad', 'Poor', 'Fair', 'Good', 'Excellent'],
  qualification: { tones: 3, triesLeft: 3, passed: false },
  training: { anchors: [] },
  progress: { done: 0, total: 0 },
  clip: null,
  completionCode: null,
  campaignOpen: true,
  ...over,
});

describe('stepOf', () => {
  it('follows the stages in order', () => {
    expect(stepOf(state())).toBe('consent');
    expect(stepOf(state({ stage: 'QUALIFICATION' }))).toBe('qualification');
    expect(stepOf(state({ stage: 'TRAINING' }))).toBe('training');
    expect(stepOf(state({ stage: 'RATING', clip: { id: 'c', position: 0 } }))).toBe('rating');
    expect(stepOf(state({ stage: 'COMPLETED', completionCode: 'ABC' }))).toBe('done');
  });

  it('turns a rater away once no qualification try is left', () => {
    const over = state({ stage: 'QUALIFICATION', qualification: { tones: 3, triesLeft: 0, passed: false } });
    expect(stepOf(over)).toBe('turned-away');
  });

  it('ends an unfinished session of a closed campaign, but keeps a finished one’s code', () => {
    expect(stepOf(state({ stage: 'RATING', clip: { id: 'c', position: 0 }, campaignOpen: false }))).toBe(
      'closed',
    );
    expect(stepOf(state({ stage: 'COMPLETED', completionCode: 'ABC', campaignOpen: false }))).toBe('done');
  });

  it('treats RATING with nothing due as done', () => {
    expect(stepOf(state({ stage: 'RATING', clip: null }))).toBe('done');
  });
});

describe('raterErrorFrom', () => {
  it('keeps the API’s code and words', () => {
    const error = raterErrorFrom(409, {
      error: { code: 'CAMPAIGN_NOT_OPEN', message: 'This study is closed.' },
    });
    expect(error).toBeInstanceOf(RaterApiError);
    expect(error.code).toBe('CAMPAIGN_NOT_OPEN');
    expect(error.message).toBe('This study is closed.');
    expect(error.status).toBe(409);
  });

  it('words a rate limit and an unreadable answer itself', () => {
    expect(raterErrorFrom(429, { message: 'rate limited' }).code).toBe('RATE_LIMITED');
    const unreadable = raterErrorFrom(502, '<html>');
    expect(unreadable.code).toBe('UNAVAILABLE');
    expect(unreadable.message).toMatch(/connection/);
  });

  it('forgets the stored session only when it is gone or banned', () => {
    expect(endsSession(new RaterApiError('NOT_FOUND', '', 404))).toBe(true);
    expect(endsSession(new RaterApiError('BANNED', '', 403))).toBe(true);
    expect(endsSession(new RaterApiError('NOT_PLAYED', '', 409))).toBe(false);
    expect(endsSession(new RaterApiError('CAMPAIGN_NOT_OPEN', '', 409))).toBe(false);
  });
});

describe('keys, progress, answers', () => {
  it('maps only the keys 1-5 to scores', () => {
    expect(['1', '3', '5'].map(scoreForKey)).toEqual([1, 3, 5]);
    expect(['0', '6', 'a', 'Enter', '12', ''].map(scoreForKey)).toEqual([null, null, null, null, null, null]);
  });

  it('rounds the progress and never passes 100', () => {
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 5, total: 4 })).toBe(100);
  });

  it('lists the answers best first with their scores', () => {
    expect(answersBestFirst(['Bad', 'Poor', 'Fair', 'Good', 'Excellent'])).toEqual([
      { score: 5, label: 'Excellent' },
      { score: 4, label: 'Good' },
      { score: 3, label: 'Fair' },
      { score: 2, label: 'Poor' },
      { score: 1, label: 'Bad' },
    ]);
  });
});
