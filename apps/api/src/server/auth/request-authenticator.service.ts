import { Injectable } from '@nestjs/common';
import { AuthDirectory, isUuid, MembershipRole, TenantUnitOfWork } from '@loris/db';
import { hashSecret, SessionTokens, TenantContext, UnauthenticatedError } from '@loris/engine';

export interface CallerHeaders {
  authorization?: string;
  apiKey?: string;
}

/** Turns the Authorization or X-API-Key header into a tenant context, checking it against the database. */
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
    // No cache: a revoked key must be refused on its very next request.
    const key = await this.directory.useApiKey(hashSecret(secret.trim()));
    if (!key) throw new UnauthenticatedError('The API key is not valid (unknown or revoked)');
    return { tenantId: key.tenantId, role: key.role, userId: null, apiKeyId: key.apiKeyId };
  }

  private async fromBearer(header: string): Promise<TenantContext> {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const claims = this.tokens.verify(match[1]);
    if (!claims || !isUuid(claims.tenantId) || !isUuid(claims.userId)) {
      throw new UnauthenticatedError('Your session is not valid or has expired; log in again');
    }
    const [membership] = await this.uow.read(claims.tenantId, (query) =>
      query<{ role: MembershipRole }>('SELECT role FROM memberships WHERE user_id = $1', [claims.userId]),
    );
    if (!membership)
      throw new UnauthenticatedError('You are no longer a member of this tenant; log in again');
    return { tenantId: claims.tenantId, role: membership.role, userId: claims.userId, apiKeyId: null };
  }
}
