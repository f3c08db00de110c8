import { canCurate } from './curator-roles';

describe('canCurate', () => {
  it('lets curators and owners decide, and nobody else', () => {
    expect(canCurate('CURATOR')).toBe(true);
    expect(canCurate('OWNER')).toBe(true);
    expect(canCurate('ENGINEER')).toBe(false);
    expect(canCurate('VIEWER')).toBe(false);
    expect(canCurate(undefined)).toBe(false);
  });
});
