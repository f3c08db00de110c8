import { InvalidArgumentError } from 'commander';
import { parseLimit } from './admin.command';

// The database side of `loris admin quotas` runs in apps/api/test/integration/quotas-usage.spec.ts.
describe('parseLimit', () => {
  it('reads whole numbers, binary units and "default"', () => {
    expect(parseLimit('0')).toBe(0);
    expect(parseLimit('250')).toBe(250);
    expect(parseLimit('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseLimit('1.5 MiB')).toBe(1.5 * 1024 ** 2);
    expect(parseLimit(' Default ')).toBe('default');
  });

  it('refuses negatives, fractions of a unit, other units and words', () => {
    for (const bad of ['-1', '1.5', '0.1KiB', '2GB', 'lots', '', '1e3', String(2 ** 60)]) {
      expect(() => parseLimit(bad)).toThrow(InvalidArgumentError);
    }
  });
});
