import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { EvaluationReader, EvaluationsService, EvaluationUpdates, RatingResultsService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { EvaluationSamplesArgs, EvaluationsPageArgs, StartEvaluationInput } from './evaluation.inputs';
import {
  DatasetVersionChoiceModel,
  EvaluationComparisonModel,
  EvaluationConnection,
  EvaluationModel,
  EvaluationSampleConnection,
  toComparisonModel,
} from './evaluation.model';

/** Every member reads evaluations; owners and engineers start and cancel them. */
@Roles(...ANY_ROLE)
@Resolver(() => EvaluationModel)
export class EvaluationsResolver {
  constructor(
    private readonly service: EvaluationsService,
    private readonly reader: EvaluationReader,
    private readonly updates: EvaluationUpdates,
    private readonly ratings: RatingResultsService,
  ) {}

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
  @Mutation(() => EvaluationModel, {
    description:
      'Checks everything (versions, frozen version, split, genres, sampler settings, quota), then queues',
  })
  startEvaluation(@CurrentTenant() caller: TenantContext, @Args('input') input: StartEvaluationInput) {
    return this.service.start(caller, input);
  }

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
  @Mutation(() => EvaluationModel)
  cancelEvaluation(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.cancel(caller, id);
  }

  @Query(() => EvaluationModel, { description: 'NOT_FOUND when no evaluation of your workspace has this id' })
  evaluation(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Query(() => EvaluationConnection, { description: 'Newest first' })
  evaluations(@CurrentTenant() caller: TenantContext, @Args() page: EvaluationsPageArgs) {
    return this.service.list(caller, page.first, page.after);
  }

  @Query(() => EvaluationSampleConnection, {
    description: 'Samples of the given evaluations, sortable by any score',
  })
  evaluationSamples(@CurrentTenant() caller: TenantContext, @Args() args: EvaluationSamplesArgs) {
    return this.reader.samples(caller.tenantId, {
      evaluationIds: args.ids,
      first: args.first,
      after: args.after,
      sort: args.sort,
      descending: args.descending,
      segmentId: args.segmentId,
    });
  }

  @Query(() => EvaluationComparisonModel, {
    description: 'The paper-table rows of the evaluations (rows: versions), the best per column marked',
  })
  async evaluationComparison(
    @CurrentTenant() caller: TenantContext,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ) {
    const comparison = await this.reader.comparison(caller.tenantId, ids);
    // The MOS column: each version's score in the newest open or closed campaign that rates it.
    const mos = await this.ratings.versionMos(
      caller,
      comparison.rows.map((row) => row.modelVersionId),
    );
    return toComparisonModel(comparison, mos);
  }

  @Query(() => [DatasetVersionChoiceModel], {
    description: 'Frozen dataset versions to evaluate on, newest first',
  })
  evaluationDatasetVersions(@CurrentTenant() caller: TenantContext) {
    return this.service.datasetVersionChoices(caller);
  }

  @Subscription(() => EvaluationModel, {
    description: 'The evaluation now, then every change (each sample written) until it ends',
    resolve: (view: EvaluationModel) => view,
  })
  evaluationUpdated(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.updates.follow(caller.tenantId, id);
  }
}
