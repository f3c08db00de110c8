import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ApiKeysService } from '@loris/domain';
import { PageArgs } from '../../server/graphql/page.args';
import { CreateApiKeyInput } from './dtos/create-api-key.input';
import { ApiKeyConnection } from './models/api-key-connection.model';
import { ApiKeyModel } from './models/api-key.model';
import { CreatedApiKeyModel } from './models/created-api-key.model';
import { TenantContext } from '@loris/engine';

/** Only an OWNER manages keys. */
@Roles(MembershipRole.OWNER)
@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeysService) {}

  @Mutation(() => CreatedApiKeyModel)
  createApiKey(
    @CurrentTenant() caller: TenantContext,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyModel> {
    return this.service.create(caller, input);
  }

  @Mutation(() => ApiKeyModel, { description: 'Refuses the key from its next request on' })
  revokeApiKey(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.revoke(caller, id);
  }

  @Mutation(() => CreatedApiKeyModel, {
    description:
      'A new secret for the same key (id, name, role and expiry kept); the old secret is refused from its next request on',
  })
  rotateApiKey(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CreatedApiKeyModel> {
    return this.service.rotate(caller, id);
  }

  @Query(() => ApiKeyConnection, { description: "The tenant's keys, newest first, revoked ones included" })
  apiKeys(@CurrentTenant() caller: TenantContext, @Args() page: PageArgs): Promise<ApiKeyConnection> {
    return this.service.list(caller, page.first, page.after);
  }
}
