import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { ModelAliasesService, ModelRegistryService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { PageArgs } from '../../server/graphql/page.args';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ModelVersionsArgs, MoveModelAliasArgs } from './dtos/models.args';
import {
  ModelAliasModel,
  ModelAliasMoveModel,
  ModelConnection,
  ModelModel,
  ModelVersionConnection,
  ModelVersionModel,
} from './models/model.model';

/** The most aliases one query lists: a `first` keeps the list's cost at what it returns. */
const MAX_ALIASES = 100;

/** How many of an alias's moves a view holds (ModelAliasesService keeps the last 50). */
const MAX_HISTORY = 50;

/** Every member reads the registry; owners and engineers move aliases (and push, over HTTP). */
@Roles(...ANY_ROLE)
@Resolver(() => ModelModel)
export class ModelsResolver {
  constructor(
    private readonly registry: ModelRegistryService,
    private readonly aliases: ModelAliasesService,
  ) {}

  @Query(() => ModelConnection, { description: 'Your models and the built-in one' })
  models(@CurrentTenant() caller: TenantContext, @Args() page: PageArgs) {
    return this.registry.list(caller, page.first, page.after);
  }

  @Query(() => ModelModel, { description: 'NOT_FOUND when neither yours nor the built-in' })
  model(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.registry.get(caller, id);
  }

  @Query(() => ModelVersionConnection)
  modelVersions(@CurrentTenant() caller: TenantContext, @Args() args: ModelVersionsArgs) {
    return this.registry.versions(caller, args.modelId, args.first, args.after);
  }

  @Query(() => ModelVersionModel, { description: 'NOT_FOUND when neither yours nor the built-in' })
  modelVersion(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.registry.version(caller, id);
  }

  @Query(() => [ModelAliasModel], {
    description: 'Your aliases with their history; "default" (the built-in) is implicit and not listed',
  })
  modelAliases(
    @CurrentTenant() caller: TenantContext,
    @Args('first', {
      type: () => Int,
      defaultValue: 20,
      description: `How many aliases (by name), 1 to ${MAX_ALIASES}; a workspace rarely has more than a handful`,
    })
    first: number,
  ) {
    return this.aliases.list(caller, undefined, Math.min(Math.max(first, 1), MAX_ALIASES));
  }

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
  @Mutation(() => ModelAliasModel, {
    description: 'Points an alias at a version (creating it on its first move); audited and kept in its history',
  })
  moveModelAlias(@CurrentTenant() caller: TenantContext, @Args() args: MoveModelAliasArgs) {
    return this.aliases.move(caller, args.name, args.versionId);
  }
}

@Roles(...ANY_ROLE)
@Resolver(() => ModelAliasModel)
export class ModelAliasesResolver {
  @ResolveField('history', () => [ModelAliasMoveModel], { description: 'Its moves, newest first' })
  history(
    @Parent() alias: ModelAliasModel,
    @Args('first', {
      type: () => Int,
      defaultValue: 10,
      description: `How many of the latest moves, 1 to ${MAX_HISTORY}`,
    })
    first: number,
  ): ModelAliasMoveModel[] {
    return alias.history.slice(0, Math.min(Math.max(first, 1), MAX_HISTORY));
  }
}
