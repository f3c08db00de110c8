import { hashRunToken, looksLikeRunToken, mintRunToken, runTokenMatches, runTokenTenant } from './run-token';

const TENANT = '5d1e8c3a-1111-4222-8333-944455556666';

test('a minted token names its tenant, is random, and only its hash is needed to check it', () => {
  const a = mintRunToken(TENANT);
  const b = mintRunToken(TENANT);
  expect(a).not.toBe(b);
  expect(a).toMatch(/^lrt\.5d1e8c3a-1111-4222-8333-944455556666\.[A-Za-z0-9_-]{43}$/);
  expect(runTokenTenant(a)).toBe(TENANT);
  expect(looksLikeRunToken(a)).toBe(true);
  const stored = hashRunToken(a);
  expect(stored).toMatch(/^[0-9a-f]{64}$/);
  expect(stored).not.toContain(a.split('.')[2]);
  expect(runTokenMatches(a, stored)).toBe(true);
});

test("another run's token, a tampered token, no stored hash or a malformed one: refused", () => {
  const a = mintRunToken(TENANT);
  const b = mintRunToken(TENANT);
  expect(runTokenMatches(b, hashRunToken(a))).toBe(false);
  expect(runTokenMatches(`${a.slice(0, -1)}${a.endsWith('A') ? 'B' : 'A'}`, hashRunToken(a))).toBe(false);
  expect(runTokenMatches(a, null)).toBe(false);
  expect(runTokenMatches(a, 'not-a-hash')).toBe(false);
  expect(runTokenMatches(a, hashRunToken(a).toUpperCase())).toBe(false);
});

test('session tokens, API keys and forged shapes are not run tokens', () => {
  expect(runTokenTenant('eyJhbGciOi.eyJ0ZW5hbnQ.sig')).toBeUndefined();
  expect(runTokenTenant(`lrt.not-a-uuid.${'A'.repeat(43)}`)).toBeUndefined();
  expect(runTokenTenant(`lrt.${TENANT}.short`)).toBeUndefined();
  expect(looksLikeRunToken('lk_live_abc')).toBe(false);
});
