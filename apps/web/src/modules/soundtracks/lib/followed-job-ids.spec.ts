import { followedJobIds, followedJobsHref, maxFollowedJobs } from './followed-job-ids';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('followedJobIds', () => {
  it('reads repeated ?id= parameters, once each', () => {
    const params = new URLSearchParams([
      ['id', id(1)],
      ['id', id(2)],
      ['id', id(1)],
    ]);
    expect(followedJobIds(params)).toEqual({ ids: [id(1), id(2)] });
  });

  it('round-trips the list page own URL', () => {
    const href = followedJobsHref([id(1), id(2)])!;
    expect(followedJobIds(new URL(href, 'http://console').searchParams)).toEqual({ ids: [id(1), id(2)] });
    expect(followedJobsHref([])).toBeNull();
  });

  it('refuses no ids, too many ids and ids that are not UUIDs, in words', () => {
    expect(followedJobIds(new URLSearchParams())).toEqual({
      problem: expect.stringMatching(/at least one job/),
    });
    const many = new URLSearchParams(Array.from({ length: maxFollowedJobs + 1 }, (_, n) => ['id', id(n)]));
    expect(followedJobIds(many)).toEqual({
      problem: expect.stringMatching(/at most 20 jobs at once; 21 were/),
    });
    expect(followedJobIds(new URLSearchParams('id=../../etc'))).toEqual({
      problem: '"../../etc" is not a job id.',
    });
  });
});
