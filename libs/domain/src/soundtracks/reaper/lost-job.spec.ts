import { lostJobOf } from './lost-job';

describe('lostJobOf', () => {
  it('ends a row whose Bull job is gone, failed for good or completed, with a code the user can read', () => {
    expect(lostJobOf(undefined)).toMatchObject({ code: 'JOB_LOST' });
    expect(
      lostJobOf({ state: 'failed', failedReason: 'job stalled more than allowable limit' }),
    ).toMatchObject({ code: 'WORKER_LOST' });
    expect(lostJobOf({ state: 'failed', failedReason: 'connection reset' })).toMatchObject({
      code: 'GENERATION_FAILED',
    });
    expect(lostJobOf({ state: 'completed' })).toMatchObject({ code: 'JOB_LOST' });
  });

  it('leaves a row alone while its Bull job may still run', () => {
    for (const state of ['waiting', 'delayed', 'active', 'paused', 'stuck']) {
      expect(lostJobOf({ state })).toBeUndefined();
    }
  });
});
