import { RecentlyUsed } from './recently-used';

describe('RecentlyUsed', () => {
  it('forgets the least recently used entry past its capacity', () => {
    const cache = new RecentlyUsed<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent, b the coldest
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('replaces a key without growing', () => {
    const cache = new RecentlyUsed<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new RecentlyUsed(0)).toThrow(/at least one entry/);
    expect(() => new RecentlyUsed(1.5)).toThrow(/at least one entry/);
  });
});
