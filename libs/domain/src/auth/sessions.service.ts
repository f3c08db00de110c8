import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { isUuid, MembershipRole, SessionEntity, TenantEntity, TenantUnitOfWork, UserEntity } from '@loris/db';
import { SessionTokens, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { SessionView } from './auth.types';
import { NotASessionError, SessionNotFoundError } from './sessions.exception';
import { ActiveSessionView, SessionClient, storedClient } from './sessions.types';

/** The most sessions listed: they end with their token, so a member rarely has more than a handful live. */
const MAX_LISTED = 100;

/**
 * A member's sessions: opening one (what signUp, login and acceptInvitation all end with), listing the
 * live ones, and ending them. Each token names its row, which the API reads on every request, so ending a
 * session takes effect on its next request.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditService,
  ) {}

  async open(
    userId: string,
    tenantId: string,
    role: MembershipRole,
    client: SessionClient = {},
  ): Promise<SessionView> {
    // The id is chosen here so the token can be signed before the row is written in the same transaction.
    const sessionId = randomUUID();
    const { token, expiresAt } = this.tokens.issue(sessionId, userId, tenantId);
    const { user, tenant } = await this.uow.run(tenantId, async (m) => {
      const found = {
        user: await m.findOneByOrFail(UserEntity, { id: userId }),
        tenant: await m.findOneByOrFail(TenantEntity, { id: tenantId }),
      };
      await m.insert(SessionEntity, { id: sessionId, tenantId, userId, expiresAt, ...storedClient(client) });
      return found;
    });
    return {
      token,
      expiresAt,
      role,
      user: { id: user.id, email: user.email },
      tenant: { id: tenant.id, name: tenant.name },
    };
  }

  /** The caller's live sessions in this tenant, most recently seen first. */
  async list(caller: TenantContext): Promise<ActiveSessionView[]> {
    const { userId, sessionId } = sessionCaller(caller);
    const rows = await this.uow.run(caller.tenantId, (m) =>
      m.find(SessionEntity, {
        where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        order: { lastSeenAt: 'DESC', createdAt: 'DESC' },
        take: MAX_LISTED,
      }),
    );
    return rows.map((row) => activeSessionView(row, sessionId));
  }

  /** Ends one of the caller's own sessions (the current one included); refused from its next request on. */
  async revoke(caller: TenantContext, id: string): Promise<ActiveSessionView> {
    const { userId, sessionId } = sessionCaller(caller);
    if (!isUuid(id)) throw new SessionNotFoundError(id);
    const { row, ended } = await this.end(caller.tenantId, userId, id);
    if (!row) throw new SessionNotFoundError(id);
    if (ended) this.audit.record(caller, 'session.revoked', { type: 'session', id });
    return activeSessionView(row, sessionId);
  }

  /** Ends the session the caller is using: its token is refused from the next request on. */
  async logout(caller: TenantContext): Promise<boolean> {
    const { userId, sessionId } = sessionCaller(caller);
    await this.end(caller.tenantId, userId, sessionId);
    this.audit.record(caller, 'user.logged_out', { type: 'session', id: sessionId });
    return true;
  }

  private end(tenantId: string, userId: string, id: string) {
    return this.uow.run(tenantId, async (m) => {
      const result = await m.update(
        SessionEntity,
        { id, userId, revokedAt: IsNull() },
        { revokedAt: () => 'now()' },
      );
      const row = await m.findOneBy(SessionEntity, { id, userId });
      return { row, ended: (result.affected ?? 0) > 0 };
    });
  }
}

/** The member and session behind the request; API keys have none. */
export function sessionCaller(caller: TenantContext): { userId: string; sessionId: string } {
  if (!caller.userId || !caller.sessionId) throw new NotASessionError();
  return { userId: caller.userId, sessionId: caller.sessionId };
}

/** A session row as its user sees it: `current` marks the one the request came with. */
function activeSessionView(row: SessionEntity, currentSessionId: string): ActiveSessionView {
  const { id, createdAt, lastSeenAt, expiresAt, userAgent, ip } = row;
  return { id, createdAt, lastSeenAt, expiresAt, userAgent, ip, current: id === currentSessionId };
}
