import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { SegmentsService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { ReviewSegmentsInput, SegmentsArgs } from './dtos/curation.inputs';
import { ReviewedSegmentModel, SegmentConnection, SegmentModel } from './models/segment.model';

/** Every member reads segments; owners and curators decide on them. */
@Roles(...ANY_ROLE)
@Resolver(() => SegmentModel)
export class SegmentsResolver {
  constructor(private readonly service: SegmentsService) {}

  @Query(() => SegmentConnection, {
    description: 'A dataset’s segments in the order they were cut, filtered',
  })
  segments(@CurrentTenant() caller: TenantContext, @Args() args: SegmentsArgs) {
    return this.service.list(caller, args.datasetId, args.filter ?? {}, args.first, args.after);
  }

  @Query(() => SegmentModel, { description: 'NOT_FOUND when no segment of your tenant has this id' })
  segment(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Roles(MembershipRole.OWNER, MembershipRole.CURATOR)
  @Mutation(() => [ReviewedSegmentModel], {
    description:
      'Accepts or rejects segments, each on its own: per segment, the decided segment or its error (NOT_FOUND, FROZEN)',
  })
  reviewSegments(@CurrentTenant() caller: TenantContext, @Args('input') input: ReviewSegmentsInput) {
    return this.service.review(caller, input);
  }
}
