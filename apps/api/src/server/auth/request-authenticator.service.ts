import { Injectable } from '@nestjs/common';
import { AuthDirectory, isUuid, MembershipRole, TenantUnitOfWork } from '@loris/db';
import { hashSecret, SessionClaims, SessionTokens, TenantContext, UnauthenticatedError } from '@loris/engine';

export interface CallerHeaders {
  authorization?: string;
  apiKey?: string;
}

/** What the per-request check reads about a session token: its row and the membership, in one statement. */
interface SessionRow {
  role: MembershipRole | null;
  revoked_at: Date | null;
  stale: boolean;
}

/**
 * Turns the Authorization or X-API-Key header into a tenant context, checking it against the database
 * every time (no cache: a revoked key or session is refused on its very next request, over HTTP and on
 * every operation of a socket).
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly directory: AuthDirectory,
    private readonly uow: TenantUnitOfWork,
  ) {}

  /** Undefined for an anonymous caller; throws UNAUTHENTICATED for credentials that do not hold. */
  async authenticate(headers: CallerHeaders): Promise<TenantContext | undefined> {
    if (headers.apiKey) return this.fromApiKey(headers.apiKey);
    if (headers.authorization) return this.fromBearer(headers.authorization);
    return undefined;
  }

  private async fromApiKey(secret: string): Promise<TenantContext> {
    // One call: the lookup by hash, and the throttled last-used write (see auth_use_api_key).
    const key = await this.directory.useApiKey(hashSecret(secret.trim()));
    if (!key) throw new UnauthenticatedError('The API key is not valid (unknown or revoked)');
    if (key.expired) {
      throw new UnauthenticatedError(
        `The API key expired at ${key.expiresAt?.toISOString()}; ask an owner of the tenant for a new key`,
      );
    }
    return { tenantId: key.tenantId, role: key.role, userId: null, apiKeyId: key.apiKeyId };
  }

  private async fromBearer(header: string): Promise<TenantContext> {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const checked = this.tokens.check(match[1]);
    if ('legacy' in checked) {
      throw new UnauthenticatedError(
        'Your session was started before sessions could be ended from the server, so it no longer works; sign in again',
      );
    }
    const claims = 'claims' in checked ? checked.claims : undefined;
    if (!claims || !isUuid(claims.tenantId) || !isUuid(claims.userId) || !isUuid(claims.sessionId)) {
      throw new UnauthenticatedError('Your session is not valid or has expired; log in again');
    }
    const session = await this.session(claims);
    if (!session) throw new UnauthenticatedError('Your session has ended; log in again');
    // Membership first: a removed member's sessions are ended too, and "no longer a member" is the reason.
    if (!session.role)
      throw new UnauthenticatedError('You are no longer a member of this tenant; log in again');
    if (session.revoked_at) {
      throw new UnauthenticatedError(
        `Your session was ended at ${new Date(session.revoked_at).toISOString()} (logged out, revoked or password changed); log in again`,
      );
    }
    if (session.stale) await this.touch(claims);
    return {
      tenantId: claims.tenantId,
      role: session.role,
      userId: claims.userId,
      apiKeyId: null,
      sessionId: claims.sessionId,
    };
  }

  /**
   * The session row (by primary key) and the member's role (by the memberships unique key), in one
   * statement within the tenant's policies; also whether last_seen_at is due for a write.
   */
  private async session(claims: SessionClaims): Promise<SessionRow | undefined> {
    const [row] = await this.uow.read(claims.tenantId, (query) =>
      query<SessionRow>(
        `SELECT m.role, s.revoked_at, s.last_seen_at < now() - interval '1 minute' AS stale
         FROM sessions s
         LEFT JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
         WHERE s.id = $1 AND s.user_id = $2`,
        [claims.sessionId, claims.userId],
      ),
    );
    return row;
  }

  /**
   * last_seen_at at most once a minute, like an API key's last_used_at: writing it on every request would
   * make each read a write (a row lock, a WAL record and a dead tuple per request) for a value shown to the
   * minute. The condition is repeated in the UPDATE so concurrent requests write it once.
   */
  private async touch(claims: SessionClaims): Promise<void> {
    await this.uow.run(claims.tenantId, (m) =>
      m.query(
        `UPDATE sessions SET last_seen_at = now()
         WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
        [claims.sessionId],
      ),
    );
  }
}
