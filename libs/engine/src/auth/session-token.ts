import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  /** The `sessions` row behind the token: what logout and revocation end. */
  sessionId: string;
  userId: string;
  tenantId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * What a token turned out to be. `legacy`: a genuine `v1` token, signed by this API before sessions were
 * stored; it names no session, so it cannot be revoked and is refused with a "sign in again" message
 * rather than the one for forged or garbled tokens.
 */
export type TokenCheck = { claims: SessionClaims } | { legacy: true } | { invalid: true };

const CURRENT = 'v2';
const LEGACY = 'v1';

/**
 * Bearer tokens for console sessions: `v2.<claims>.<HMAC-SHA256>`, base64url. The token names the session,
 * the user and the tenant only; the role is read from the membership and the session's state from its row
 * on every request, so a demotion, a logout or a revocation applies at once.
 */
export class SessionTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(sessionId: string, userId: string, tenantId: string): { token: string; expiresAt: Date } {
    const exp = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const body = Buffer.from(JSON.stringify({ sid: sessionId, userId, tenantId, exp })).toString('base64url');
    return { token: `${CURRENT}.${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims, or null when the token is malformed, forged, expired or from before sessions were stored. */
  verify(token: string): SessionClaims | null {
    const checked = this.check(token);
    return 'claims' in checked ? checked.claims : null;
  }

  check(token: string): TokenCheck {
    const invalid = { invalid: true } as const;
    const parts = token.split('.');
    // Exactly three segments: a token with more is not one this API issued, whatever its prefix says.
    if (parts.length !== 3) return invalid;
    const [version, body, signature] = parts;
    if ((version !== CURRENT && version !== LEGACY) || !body || !signature) return invalid;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
    if (version === LEGACY) return { legacy: true };
    let claims: { sid?: unknown; userId?: unknown; tenantId?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return invalid;
    }
    const { sid, userId, tenantId, exp } = claims;
    if (typeof sid !== 'string' || typeof userId !== 'string' || typeof tenantId !== 'string') return invalid;
    if (typeof exp !== 'number' || exp * 1000 <= this.now()) return invalid;
    return { claims: { sessionId: sid, userId, tenantId, exp } };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
