import { Query, Resolver } from '@nestjs/graphql';
import { TenantUsageService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { TenantUsageModel } from './models/tenant-usage.model';

/**
 * Limits and usage, for every member: whoever generates needs to see what is left. There is no mutation:
 * limits are changed by operators (`loris admin quotas set`), and the app role cannot write them at all.
 */
@Roles(...ANY_ROLE)
@Resolver(() => TenantUsageModel)
export class QuotasResolver {
  constructor(private readonly service: TenantUsageService) {}

  @Query(() => TenantUsageModel, { description: "The tenant's limits next to its usage, and past months" })
  tenantUsage(@CurrentTenant() caller: TenantContext) {
    return this.service.usage(caller);
  }
}
