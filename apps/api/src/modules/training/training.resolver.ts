import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import {
  InvalidOverrideError,
  ModelRegistryService,
  OverrideProblem,
  overridesFromText,
  TrainingRunsService,
} from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { PageArgs } from '../../server/graphql/page.args';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ModelVersionModel } from '../models/models/model.model';
import { StartTrainingRunInput } from './training-run.inputs';
import { TrainingMetricPointModel, TrainingRunConnection, TrainingRunModel } from './training-run.model';

/** Every member reads runs; owners and engineers start and cancel them (the domain checks it too). */
@Roles(...ANY_ROLE)
@Resolver(() => TrainingRunModel)
export class TrainingResolver {
  constructor(
    private readonly runs: TrainingRunsService,
    private readonly registry: ModelRegistryService,
  ) {}

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
  @Mutation(() => TrainingRunModel, {
    description: 'Checks the run and queues it on the train queue; refusals come before anything is queued',
  })
  startTrainingRun(@CurrentTenant() caller: TenantContext, @Args('input') input: StartTrainingRunInput) {
    let overrides: Record<string, unknown>;
    try {
      overrides = overridesFromText(input.overrides ?? []);
    } catch (error) {
      if (error instanceof OverrideProblem) throw new InvalidOverrideError(error.message);
      throw error;
    }
    return this.runs.start(caller, { ...input, overrides });
  }

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
  @Mutation(() => TrainingRunModel, {
    description:
      'A queued run ends CANCELLED; a running one is CANCELLING until its trainer has checkpointed',
  })
  cancelTrainingRun(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.runs.cancel(caller, id);
  }

  @Query(() => TrainingRunModel, { description: 'NOT_FOUND when not your workspace’s' })
  trainingRun(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.runs.get(caller, id);
  }

  @Query(() => TrainingRunConnection, { description: 'Your workspace’s runs, newest first' })
  trainingRuns(@CurrentTenant() caller: TenantContext, @Args() page: PageArgs) {
    return this.runs.list(caller, page.first, page.after);
  }

  @ResolveField('points', () => [TrainingMetricPointModel], {
    description: 'Metric points after `afterStep` (poll with the last step you have), at most 5000, by step',
  })
  points(
    @CurrentTenant() caller: TenantContext,
    @Parent() run: TrainingRunModel,
    @Args('afterStep', { type: () => Int, defaultValue: -1 }) afterStep: number,
  ) {
    return this.runs.points(caller, run.id, afterStep);
  }

  @ResolveField('logTail', () => [String], {
    description: 'The last lines of the trainer’s log, oldest first',
  })
  logTail(
    @CurrentTenant() caller: TenantContext,
    @Parent() run: TrainingRunModel,
    @Args('lines', { type: () => Int, defaultValue: 50 }) lines: number,
  ) {
    return this.runs.logTail(caller, run.id, Math.min(Math.max(lines, 1), 200));
  }

  @ResolveField('modelVersion', () => ModelVersionModel, {
    nullable: true,
    description: 'What it registered',
  })
  modelVersion(@CurrentTenant() caller: TenantContext, @Parent() run: TrainingRunModel) {
    return run.modelVersionId ? this.registry.version(caller, run.modelVersionId) : null;
  }
}
