import { formatDate } from './format-date';

describe('formatDate', () => {
  it('formats in UTC so every viewer sees the same text', () => {
    expect(formatDate('2024-03-05T23:30:00.000Z')).toBe('5 Mar 2024, 23:30 UTC');
  });

  it('shows a dash for no date or a date it cannot read', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('yesterday')).toBe('—');
  });
});
