import { formatSeconds } from './format-seconds';

describe('formatSeconds', () => {
  it('rounds to one decimal, as people read a length', () => {
    expect(formatSeconds(23.777233)).toBe('23.8 s');
    expect(formatSeconds(6)).toBe('6.0 s');
    expect(formatSeconds(5.96)).toBe('6.0 s');
  });

  it('shows a dash for no length', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(Number.NaN)).toBe('—');
  });
});
