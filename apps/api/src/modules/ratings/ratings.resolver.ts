import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DatasetSplit, MembershipRole } from '@loris/db';
import { clipPage, RatingCampaignsService, RatingResultsService } from '@loris/domain';
import { BadUserInputError, TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { PageArgs } from '../../server/graphql/page.args';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { CreateRatingCampaignInput } from './dtos/rating.inputs';
import {
  ClipMosConnection,
  CreatedRatingCampaignModel,
  RaterSessionConnection,
  RaterSessionModel,
  RatingCampaignConnection,
  RatingCampaignModel,
  RatingItemSegmentConnection,
  RatingLinkModel,
  RatingResultsModel,
} from './models/rating.models';

const RUNNERS = [MembershipRole.OWNER, MembershipRole.ENGINEER];

/** MOS campaigns (issue 17): every member reads them; owners and engineers run them. */
@Roles(...ANY_ROLE)
@Resolver(() => RatingCampaignModel)
export class RatingsResolver {
  constructor(
    private readonly campaigns: RatingCampaignsService,
    private readonly results: RatingResultsService,
  ) {}

  @Query(() => RatingCampaignConnection, { description: 'The campaigns, newest first' })
  ratingCampaigns(
    @CurrentTenant() caller: TenantContext,
    @Args() page: PageArgs,
  ): Promise<RatingCampaignConnection> {
    return this.campaigns.list(caller, page.first, page.after);
  }

  @Query(() => RatingCampaignModel)
  ratingCampaign(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.campaigns.get(caller, id);
  }

  @Query(() => RatingResultsModel, {
    description: 'MOS per system and clip, live, over the counted sessions',
  })
  async ratingResults(
    @CurrentTenant() caller: TenantContext,
    @Args('campaignId', { type: () => ID }) id: string,
  ): Promise<RatingResultsModel> {
    const results = await this.results.results(caller, id);
    return { ...results, clipCount: results.clips.length };
  }

  @Query(() => RatingItemSegmentConnection, {
    description:
      "A frozen version's split in the order a campaign takes its items: the first `limit` (default 50, at most 500) become them, and a BASELINE's baselineUploadIds follow this order",
  })
  ratingItemSegments(
    @CurrentTenant() caller: TenantContext,
    @Args('datasetVersionId', { type: () => ID }) versionId: string,
    @Args('split', { type: () => DatasetSplit }) split: DatasetSplit,
    @Args() page: PageArgs,
  ): Promise<RatingItemSegmentConnection> {
    return this.campaigns.itemSegments(caller, versionId, split, page.first, page.after);
  }

  @Query(() => RaterSessionConnection, { description: 'The sessions with their screening, newest first' })
  raterSessions(
    @CurrentTenant() caller: TenantContext,
    @Args('campaignId', { type: () => ID }) id: string,
    @Args() page: PageArgs,
  ): Promise<RaterSessionConnection> {
    return this.results.sessions(caller, id, page.first, page.after);
  }

  @Roles(...RUNNERS)
  @Query(() => RaterSessionModel, {
    description: 'The session a completion code belongs to; NOT_FOUND otherwise',
  })
  verifyCompletionCode(
    @CurrentTenant() caller: TenantContext,
    @Args('campaignId', { type: () => ID }) id: string,
    @Args('code') code: string,
  ) {
    return this.results.verifyCompletionCode(caller, id, code);
  }

  @Roles(...RUNNERS)
  @Mutation(() => CreatedRatingCampaignModel, { description: 'A DRAFT campaign; its link is shown once' })
  createRatingCampaign(
    @CurrentTenant() caller: TenantContext,
    @Args('input') input: CreateRatingCampaignInput,
  ) {
    return this.campaigns.create(caller, input);
  }

  @Roles(...RUNNERS)
  @Mutation(() => RatingCampaignModel, {
    description: 'Makes every stimulus on the worker, then opens the campaign',
  })
  prepareRatingCampaign(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.campaigns.prepare(caller, id);
  }

  @Roles(...RUNNERS)
  @Mutation(() => RatingCampaignModel, { description: 'No session starts and no vote is taken after this' })
  closeRatingCampaign(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.campaigns.close(caller, id);
  }

  @Roles(...RUNNERS)
  @Mutation(() => RatingLinkModel, { description: 'A link for one rater (one session), shown once' })
  createRatingLink(
    @CurrentTenant() caller: TenantContext,
    @Args('campaignId', { type: () => ID }) id: string,
    @Args('label', { type: () => String, nullable: true }) label: string | null,
  ) {
    return this.campaigns.createLink(caller, id, label ?? null);
  }

  @Roles(MembershipRole.OWNER)
  @Mutation(() => RaterSessionModel, {
    description: 'Include or exclude a session by hand (null: the rules); audited',
  })
  overrideRaterSession(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => String, nullable: true }) decision: string | null,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ) {
    return this.results.override(caller, id, parseDecision(decision), note ?? null);
  }

  @Roles(...RUNNERS)
  @Mutation(() => RaterSessionModel, {
    description: "Bans the session's link (a personal one) and hashed IP from the campaign",
  })
  banRater(
    @CurrentTenant() caller: TenantContext,
    @Args('sessionId', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ) {
    return this.results.ban(caller, id, reason ?? null);
  }
}

function parseDecision(decision: string | null): 'INCLUDE' | 'EXCLUDE' | null {
  if (decision === null || decision === 'INCLUDE' || decision === 'EXCLUDE') return decision;
  throw new InvalidDecision();
}

class InvalidDecision extends BadUserInputError {
  constructor() {
    super('decision must be INCLUDE, EXCLUDE or null (back to the screening rules)');
  }
}

/** MOS per clip, a page at a time: a campaign's clips (systems x items) can outnumber any page. */
@Roles(...ANY_ROLE)
@Resolver(() => RatingResultsModel)
export class RatingResultsResolver {
  @ResolveField('clips', () => ClipMosConnection)
  clips(@Parent() results: RatingResultsModel, @Args() page: PageArgs): ClipMosConnection {
    return clipPage(results.clips, page.first, page.after);
  }
}
