import { prepared } from './prepared-statement';

describe('prepared', () => {
  it('names a text the same way every time, and different texts differently', () => {
    const a = prepared('SELECT 1 WHERE $1', [1]);
    expect(a).toEqual({
      name: expect.stringMatching(/^loris_[0-9a-f]{20}$/),
      text: 'SELECT 1 WHERE $1',
      values: [1],
    });
    expect(prepared('SELECT 1 WHERE $1', [2]).name).toBe(a.name);
    expect(prepared('SELECT 2').name).not.toBe(a.name);
  });
});
