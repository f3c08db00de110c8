import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, Public, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AuthService, SessionClient } from '@loris/domain';
import { LoginInput } from './dtos/login.input';
import { SignUpInput } from './dtos/sign-up.input';
import { AuthPayload } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { RequestClient } from './session-client.decorator';
import { TenantContext } from '@loris/engine';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Creates a tenant and its owner, and logs the owner in' })
  signUp(@Args('input') input: SignUpInput, @RequestClient() client: SessionClient): Promise<AuthPayload> {
    return this.auth.signUp(input, client);
  }

  @Public()
  @Mutation(() => AuthPayload)
  login(@Args('input') input: LoginInput, @RequestClient() client: SessionClient): Promise<AuthPayload> {
    return this.auth.login(input, client);
  }

  @Roles(...ANY_ROLE)
  @Query(() => MeModel)
  me(@CurrentTenant() caller: TenantContext): Promise<MeModel> {
    return this.auth.me(caller);
  }
}
