import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { RatingCampaignsService, RatingResultsService } from '@loris/domain';
import { BadUserInputError, TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { CreateRatingCampaignInput } from './dtos/rating.inputs';
import {
  CreatedRatingCampaignModel,
  RaterSessionModel,
  RatingCampaignModel,
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

  @Query(() => [RatingCampaignModel], { description: 'The latest 50 campaigns, newest first' })
  ratingCampaigns(@CurrentTenant() caller: TenantContext) {
    return this.campaigns.list(caller);
  }

  @Query(() => RatingCampaignModel)
  ratingCampaign(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.campaigns.get(caller, id);
  }

  @Query(() => RatingResultsModel, {
    description: 'MOS per system and clip, live, over the counted sessions',
  })
  ratingResults(@CurrentTenant() caller: TenantContext, @Args('campaignId', { type: () => ID }) id: string) {
    return this.results.results(caller, id);
  }

  @Query(() => [RaterSessionModel], { description: 'The sessions with their screening, newest first' })
  raterSessions(@CurrentTenant() caller: TenantContext, @Args('campaignId', { type: () => ID }) id: string) {
    return this.results.sessions(caller, id);
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
