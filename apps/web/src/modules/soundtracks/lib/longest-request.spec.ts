import { asksTooLong, longestRequest } from './longest-request';

describe('longestRequest', () => {
  it("is the input's length rounded down to a tenth, capped by the model", () => {
    expect(longestRequest(6.0, 300)).toBe(6);
    expect(longestRequest(5.96, 300)).toBe(5.9);
    expect(longestRequest(400, 300)).toBe(300);
    expect(longestRequest(null, 300)).toBeUndefined();
  });

  it('says when the seconds asked for are more than that', () => {
    expect(asksTooLong('23.777233', 6)).toBe(true);
    expect(asksTooLong('6', 6)).toBe(false);
    expect(asksTooLong('', 6)).toBe(false);
    expect(asksTooLong('10', undefined)).toBe(false);
  });
});
