import { createHmac } from 'node:crypto';
import { SessionTokens } from './session-token';

describe('SessionTokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-chars!';
  const session = '2f0e8b7c-1d4a-4c6b-9e3f-8a7b6c5d4e3f';
  const user = '6f1c3a52-6d0e-4b8e-9d43-0a7a1f3f6b11';
  const tenant = '0b7d5e0a-3c1f-4c55-8a39-5d7e1f2a9c44';
  let now = 1_700_000_000_000;
  const tokens = new SessionTokens(secret, 3600, () => now);

  /** A token as this API signed them before sessions were stored: `v1`, no session id. */
  function legacyToken(signedWith = secret): string {
    const body = Buffer.from(JSON.stringify({ userId: user, tenantId: tenant, exp: 2e9 })).toString(
      'base64url',
    );
    return `v1.${body}.${createHmac('sha256', signedWith).update(body).digest('base64url')}`;
  }

  beforeEach(() => {
    now = 1_700_000_000_000;
  });

  it('round-trips the session, user and tenant until it expires', () => {
    const { token, expiresAt } = tokens.issue(session, user, tenant);
    expect(tokens.verify(token)).toEqual({
      sessionId: session,
      userId: user,
      tenantId: tenant,
      exp: 1_700_003_600,
    });
    expect(expiresAt.getTime()).toBe(1_700_003_600_000);
    now += 3600 * 1000;
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.check(token)).toEqual({ invalid: true });
  });

  it('tells a genuine token from before sessions were stored from a forged one', () => {
    expect(tokens.check(legacyToken())).toEqual({ legacy: true });
    expect(tokens.verify(legacyToken())).toBeNull();
    expect(tokens.check(legacyToken('another-secret-of-at-least-thirty-two!'))).toEqual({ invalid: true });
  });

  it('refuses a token whose claims were edited', () => {
    const { token } = tokens.issue(session, user, tenant);
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sid: session, userId: user, tenantId: user, exp: 2e9 }),
    ).toString('base64url');
    expect(tokens.verify(`${v}.${forged}.${sig}`)).toBeNull();
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const other = new SessionTokens('another-secret-of-at-least-thirty-two!', 3600, () => now);
    expect(tokens.verify(other.issue(session, user, tenant).token)).toBeNull();
    for (const junk of ['', 'v1', 'v1..', 'v2..', 'v3.a.b', 'v2.%%%.abc', 'Bearer x']) {
      expect(tokens.check(junk)).toEqual({ invalid: true });
    }
  });

  it('refuses a signed body without a session id', () => {
    const body = Buffer.from(JSON.stringify({ userId: user, tenantId: tenant, exp: 2e9 })).toString(
      'base64url',
    );
    const signature = createHmac('sha256', secret).update(body).digest('base64url');
    expect(tokens.check(`v2.${body}.${signature}`)).toEqual({ invalid: true });
  });

  it('refuses a valid token with extra segments before or after it', () => {
    const { token } = tokens.issue(session, user, tenant);
    expect(tokens.verify(token)).not.toBeNull();
    for (const padded of [`${token}.extra`, `${token}.`, `x.${token}`]) {
      expect(tokens.verify(padded)).toBeNull();
    }
  });
});
