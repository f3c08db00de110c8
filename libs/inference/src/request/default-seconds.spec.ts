import { defaultSeconds, MAX_REQUEST_SECONDS } from './default-seconds';

describe('defaultSeconds', () => {
  it("is the input's own length, unrounded", () => {
    expect(defaultSeconds(6)).toBe(6);
    expect(defaultSeconds(100 / 30)).toBe(100 / 30);
  });

  it('is capped at the longest request', () => {
    expect(MAX_REQUEST_SECONDS).toBe(300);
    expect(defaultSeconds(3600)).toBe(300);
  });
});
