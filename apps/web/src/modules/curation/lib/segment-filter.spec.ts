import { reviewHref, segmentFilter } from './segment-filter';

describe('segmentFilter', () => {
  it('passes the filters the API knows', () => {
    expect(
      segmentFilter({
        status: 'PENDING',
        genre: 'Krump',
        length: '25',
        category: 'DANCE',
        flag: 'no_person',
      }),
    ).toEqual({ status: 'PENDING', genre: 'Krump', length: 25, category: 'DANCE', flag: 'no_person' });
  });

  it('leaves out values the API would refuse', () => {
    expect(segmentFilter({ status: 'MAYBE', length: '30', category: 'CHESS' })).toEqual({});
  });
});

describe('reviewHref', () => {
  it('keeps the filters and the cursor', () => {
    expect(reviewHref('d1', { status: 'PENDING', length: '50' }, 'c2')).toBe(
      '/datasets/d1/review?status=PENDING&length=50&after=c2',
    );
    expect(reviewHref('d1', {})).toBe('/datasets/d1/review');
  });
});
