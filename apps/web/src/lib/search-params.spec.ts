import { singleParam } from './search-params';

describe('singleParam', () => {
  const params = (value: Record<string, string | string[] | undefined>) => Promise.resolve(value);

  it('returns a value given once', async () => {
    expect(await singleParam(params({ after: 'abc' }), 'after')).toBe('abc');
  });

  it('ignores a missing, empty or repeated parameter', async () => {
    expect(await singleParam(params({}), 'after')).toBeUndefined();
    expect(await singleParam(params({ after: '' }), 'after')).toBeUndefined();
    expect(await singleParam(params({ after: ['a', 'b'] }), 'after')).toBeUndefined();
  });
});
