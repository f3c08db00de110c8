import { SessionTokens } from './session-token';

describe('SessionTokens', () => {
  const user = '6f1c3a52-6d0e-4b8e-9d43-0a7a1f3f6b11';
  const tenant = '0b7d5e0a-3c1f-4c55-8a39-5d7e1f2a9c44';
  let now = 1_700_000_000_000;
  const tokens = new SessionTokens('a-secret-of-at-least-thirty-two-chars!', 3600, () => now);

  beforeEach(() => {
    now = 1_700_000_000_000;
  });

  it('round-trips the user and tenant until it expires', () => {
    const { token, expiresAt } = tokens.issue(user, tenant);
    expect(tokens.verify(token)).toEqual({ userId: user, tenantId: tenant, exp: 1_700_003_600 });
    expect(expiresAt.getTime()).toBe(1_700_003_600_000);
    now += 3600 * 1000;
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a token whose claims were edited', () => {
    const { token } = tokens.issue(user, tenant);
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ userId: user, tenantId: user, exp: 2e9 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${v}.${forged}.${sig}`)).toBeNull();
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const other = new SessionTokens('another-secret-of-at-least-thirty-two!', 3600, () => now);
    expect(tokens.verify(other.issue(user, tenant).token)).toBeNull();
    for (const junk of ['', 'v1', 'v1..', 'v2.a.b', 'v1.%%%.abc', 'Bearer x']) {
      expect(tokens.verify(junk)).toBeNull();
    }
  });

  it('refuses a valid token with extra segments before or after it', () => {
    const { token } = tokens.issue(user, tenant);
    expect(tokens.verify(token)).not.toBeNull();
    for (const padded of [`${token}.extra`, `${token}.`, `x.${token}`]) {
      expect(tokens.verify(padded)).toBeNull();
    }
  });
});
