import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { SoundtracksService, SoundtrackUpdates } from '@loris/domain';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { RequestSoundtrackInput } from './dtos/request-soundtrack.input';
import { SoundtrackJobsPageArgs } from './dtos/soundtrack-jobs-page.args';
import { SoundtrackJobConnection } from './models/soundtrack-job-connection.model';
import { SoundtrackJobModel } from './models/soundtrack-job.model';

import { TenantContext } from '@loris/engine';

/** Every member reads jobs; owners and engineers (and keys with those roles) request and cancel them. */
@Roles(...ANY_ROLE)
@Resolver(() => SoundtrackJobModel)
export class SoundtracksResolver {
  constructor(
    private readonly service: SoundtracksService,
    private readonly updates: SoundtrackUpdates,
  ) {}

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER, MembershipRole.CURATOR)
  @Mutation(() => SoundtrackJobModel, {
    description:
      'Queues a soundtrack for an uploaded pose track or video; RATE_LIMITED or QUOTA_EXCEEDED over limits',
  })
  requestSoundtrack(@CurrentTenant() caller: TenantContext, @Args('input') input: RequestSoundtrackInput) {
    return this.service.request(caller, input);
  }

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER, MembershipRole.CURATOR)
  @Mutation(() => SoundtrackJobModel, {
    description:
      'Queues a new job like the one named: the same input, genre, length, steps, sampler and guidance, a new seed',
  })
  requestSoundtrackAgain(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('idempotencyKey', {
      type: () => String,
      nullable: true,
      description: 'As in RequestSoundtrackInput: a retry with the same key queues no second job',
    })
    idempotencyKey?: string | null,
  ) {
    return this.service.requestAgain(caller, id, idempotencyKey);
  }

  @Roles(MembershipRole.OWNER, MembershipRole.ENGINEER, MembershipRole.CURATOR)
  @Mutation(() => SoundtrackJobModel, { description: 'Stops a queued or running job' })
  cancelSoundtrackJob(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.cancel(caller, id);
  }

  @Query(() => SoundtrackJobModel, { description: 'NOT_FOUND when no job of your tenant has this id' })
  soundtrackJob(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Query(() => SoundtrackJobConnection)
  soundtrackJobs(@CurrentTenant() caller: TenantContext, @Args() page: SoundtrackJobsPageArgs) {
    return this.service.list(caller, page);
  }

  @Subscription(() => SoundtrackJobModel, {
    description: 'The job now, then every change (progress each sampler step) until it finishes',
    resolve: (job: SoundtrackJobModel) => job,
  })
  soundtrackJobUpdated(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.updates.follow(caller.tenantId, id);
  }
}
