import { quotaPeriod } from './quota-period';

describe('quotaPeriod', () => {
  it('is the UTC calendar month containing the instant', () => {
    expect(quotaPeriod(new Date('2026-11-25T20:40:00Z'))).toEqual({
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('rolls over the year in December and keeps the first millisecond of a month in that month', () => {
    expect(quotaPeriod(new Date('2026-12-31T23:59:59.999Z')).end).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(quotaPeriod(new Date('2027-01-01T00:00:00Z')).start).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});
