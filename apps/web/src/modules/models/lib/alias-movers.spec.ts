import { aliasMoveRefusal, mayMoveAliases } from './alias-movers';

describe('mayMoveAliases', () => {
  it('lets owners and engineers move aliases, and nobody else', () => {
    expect(mayMoveAliases('OWNER')).toBe(true);
    expect(mayMoveAliases('ENGINEER')).toBe(true);
    expect(mayMoveAliases('CURATOR')).toBe(false);
    expect(mayMoveAliases('VIEWER')).toBe(false);
    expect(mayMoveAliases(undefined)).toBe(false);
  });
});

describe('aliasMoveRefusal', () => {
  it('gives no reason to those who may move, and names the caller’s role to those who may not', () => {
    expect(aliasMoveRefusal('OWNER')).toBeUndefined();
    expect(aliasMoveRefusal('ENGINEER')).toBeUndefined();
    expect(aliasMoveRefusal('VIEWER')).toBe(
      'Only an owner or an engineer can move an alias. You are a viewer in this workspace.',
    );
    expect(aliasMoveRefusal('CURATOR')).toMatch(/You are a curator/);
    expect(aliasMoveRefusal(undefined)).toBe('Only an owner or an engineer can move an alias.');
  });
});
