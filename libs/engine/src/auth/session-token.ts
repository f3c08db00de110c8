import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  userId: string;
  tenantId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Bearer tokens for console sessions: `v1.<claims>.<HMAC-SHA256>`, base64url. The token names the user and
 * the tenant only; the role is read from the membership on every request, so a demotion applies at once.
 */
export class SessionTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(userId: string, tenantId: string): { token: string; expiresAt: Date } {
    const exp = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const body = Buffer.from(JSON.stringify({ userId, tenantId, exp })).toString('base64url');
    return { token: `v1.${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims, or null when the token is malformed, forged or expired. */
  verify(token: string): SessionClaims | null {
    const parts = token.split('.');
    // Exactly three segments: a token with more is not one this API issued, whatever its prefix says.
    if (parts.length !== 3) return null;
    const [version, body, signature] = parts;
    if (version !== 'v1' || !body || !signature) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: Partial<SessionClaims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof claims.userId !== 'string' || typeof claims.tenantId !== 'string') return null;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) return null;
    return { userId: claims.userId, tenantId: claims.tenantId, exp: claims.exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
