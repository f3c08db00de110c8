import { Args, Query, Resolver } from '@nestjs/graphql';
import { ServingVersions } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ModelSelectorInput } from '../models/dtos/model-selector.input';
import { GenreModel } from './models/genre.model';
import { ServingModelModel } from './models/serving-model.model';

const MODEL_ARG = {
  type: () => ModelSelectorInput,
  nullable: true,
  description: 'The version or alias a request would name; left out: what a request without `model` gets',
} as const;

@Roles(...ANY_ROLE)
@Resolver(() => GenreModel)
export class ServingModelResolver {
  constructor(private readonly versions: ServingVersions) {}

  @Query(() => [GenreModel], { description: 'The genres the resolved model version can generate' })
  async genres(
    @CurrentTenant() caller: TenantContext,
    @Args('model', MODEL_ARG) model?: ModelSelectorInput | null,
  ): Promise<GenreModel[]> {
    return (await this.versions.describe(caller, model)).genres;
  }

  // Clients (the console's Generate form among them) show what a request gets when it leaves a field out.
  @Query(() => ServingModelModel, {
    description: 'The model version a request is served by, and the defaults it uses for what is left out',
  })
  servingModel(
    @CurrentTenant() caller: TenantContext,
    @Args('model', MODEL_ARG) model?: ModelSelectorInput | null,
  ): Promise<ServingModelModel> {
    return this.versions.describe(caller, model);
  }
}
