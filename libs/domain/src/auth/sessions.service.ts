import { Injectable } from '@nestjs/common';
import { MembershipRole, TenantEntity, TenantUnitOfWork, UserEntity } from '@loris/db';
import { SessionTokens } from '@loris/engine';
import { SessionView } from './auth.types';

/** Opens a session for a member of a tenant: what signUp, login and acceptInvitation all end with. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly tokens: SessionTokens,
  ) {}

  async open(userId: string, tenantId: string, role: MembershipRole): Promise<SessionView> {
    const { user, tenant } = await this.uow.run(tenantId, async (m) => ({
      user: await m.findOneByOrFail(UserEntity, { id: userId }),
      tenant: await m.findOneByOrFail(TenantEntity, { id: tenantId }),
    }));
    const { token, expiresAt } = this.tokens.issue(userId, tenantId);
    return {
      token,
      expiresAt,
      role,
      user: { id: user.id, email: user.email },
      tenant: { id: tenant.id, name: tenant.name },
    };
  }
}
