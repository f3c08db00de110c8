import { jobsPageHref } from './jobs-page-href';

describe('jobsPageHref', () => {
  it('keeps the status filter while paging and starts a filter on its first page', () => {
    expect(jobsPageHref()).toBe('/soundtracks');
    expect(jobsPageHref('RUNNING')).toBe('/soundtracks?status=RUNNING');
    expect(jobsPageHref(undefined, 'a+b/c=')).toBe('/soundtracks?after=a%2Bb%2Fc%3D');
    expect(jobsPageHref('FAILED', 'xyz')).toBe('/soundtracks?status=FAILED&after=xyz');
  });
});
