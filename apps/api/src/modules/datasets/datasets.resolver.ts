import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { DatasetsService } from '@loris/domain';
import { CreateDatasetInput } from './dtos/create-dataset.input';
import { PageArgs } from '../../server/graphql/page.args';
import { DatasetConnection } from './models/dataset-connection.model';
import { DatasetModel } from './models/dataset.model';
import { TenantContext } from '@loris/engine';

/** Every member reads datasets; owners and curators create them. */
@Roles(...ANY_ROLE)
@Resolver(() => DatasetModel)
export class DatasetsResolver {
  constructor(private readonly service: DatasetsService) {}

  @Roles(MembershipRole.OWNER, MembershipRole.CURATOR)
  @Mutation(() => DatasetModel)
  createDataset(@CurrentTenant() caller: TenantContext, @Args('input') input: CreateDatasetInput) {
    return this.service.create(caller, input);
  }

  @Query(() => DatasetModel, { description: 'NOT_FOUND when no dataset of your tenant has this id' })
  dataset(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Query(() => DatasetConnection)
  datasets(@CurrentTenant() caller: TenantContext, @Args() page: PageArgs): Promise<DatasetConnection> {
    return this.service.list(caller, page.first, page.after);
  }
}
