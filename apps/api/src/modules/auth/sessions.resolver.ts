import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PasswordService, SessionsService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ChangePasswordInput } from './dtos/change-password.input';
import { PasswordChangedModel } from './models/password-changed.model';
import { SessionModel } from './models/session.model';

/** A member's own sessions and password, whatever their role; API keys are refused (they have neither). */
@Roles(...ANY_ROLE)
@Resolver(() => SessionModel)
export class SessionsResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
  ) {}

  @Query(() => [SessionModel], { description: 'Your live sessions in this tenant, most recently used first' })
  mySessions(@CurrentTenant() caller: TenantContext): Promise<SessionModel[]> {
    return this.sessions.list(caller);
  }

  @Mutation(() => SessionModel, { description: 'Signs one of your sessions out from its next request on' })
  revokeSession(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SessionModel> {
    return this.sessions.revoke(caller, id);
  }

  @Mutation(() => Boolean, {
    description: 'Ends this session: its token is refused from the next request on',
  })
  logout(@CurrentTenant() caller: TenantContext): Promise<boolean> {
    return this.sessions.logout(caller);
  }

  @Mutation(() => PasswordChangedModel, {
    description: 'Changes your password and signs out every other session of yours; this one goes on',
  })
  changePassword(
    @CurrentTenant() caller: TenantContext,
    @Args('input') input: ChangePasswordInput,
  ): Promise<PasswordChangedModel> {
    return this.passwords.change(caller, input);
  }
}
