import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DatasetCategory, RatingCampaignStatus, RatingSystemKind } from '@loris/db';
import type {
  CampaignResults,
  ClipResult,
  ItemSegmentView,
  PairwiseResult,
  RaterSessionView,
  RatingCampaignView,
  RatingScoredClipView,
  RatingSystemView,
  SystemResult,
} from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';

registerEnumType(RatingCampaignStatus, {
  name: 'RatingCampaignStatus',
  description: 'DRAFT (a failed preparation comes back here with its error) -> PREPARING -> OPEN -> CLOSED',
});
registerEnumType(RatingSystemKind, {
  name: 'RatingSystemKind',
  description: 'MODEL: a model version with sampler settings; GROUND_TRUTH: the items\' audio; BASELINE: uploaded clips',
});

@ObjectType('RatingScreeningRules')
export class RatingScreeningRulesModel {
  @Field({ description: 'Exclude a session that fails any trapping clip' })
  traps!: boolean;

  @Field({ description: 'Exclude a session that rates a gold clip more than goldTolerance away' })
  gold!: boolean;

  @Field(() => Float)
  goldTolerance!: number;

  @Field({ description: 'Exclude a session that finishes faster than its clips last' })
  tooFast!: boolean;

  @Field({ description: 'Exclude a session that gives one answer throughout' })
  sameAnswer!: boolean;

  @Field(() => Float, { description: 'Flag a rater whose Pearson r with the clip means is below this' })
  minPearsonR!: number;
}

@ObjectType('RatingSystem', { description: 'A compared system; its label is never shown to raters' })
export class RatingSystemModel implements RatingSystemView {
  @Field(() => ID)
  id!: string;

  @Field()
  label!: string;

  @Field(() => RatingSystemKind)
  kind!: RatingSystemKind;

  @Field(() => ID, { nullable: true })
  modelVersionId!: string | null;

  @Field(() => String, { nullable: true })
  sampler!: string | null;

  @Field(() => Int, { nullable: true })
  steps!: number | null;

  @Field(() => Float, { nullable: true })
  guidance!: number | null;

  @Field(() => Int, { nullable: true })
  seed!: number | null;
}

@ObjectType('RatingScoredClip', { description: 'A gold clip or a training anchor, with its expected score' })
export class RatingScoredClipModel implements RatingScoredClipView {
  @Field({ description: 'GOLD (checks a rater) or ANCHOR (trains one, its score shown)' })
  kind!: 'GOLD' | 'ANCHOR';

  @Field(() => Int, { description: 'Its place in the list given at creation, from 0' })
  ordinal!: number;

  @Field(() => Int)
  expectedScore!: number;

  @Field(() => ID, { description: 'The WAV upload it was made from' })
  uploadId!: string;

  @Field(() => String, { nullable: true, description: "The upload's own file name (raters never see it)" })
  fileName!: string | null;

  @Field({ description: 'Whether its stimulus has been made (preparation)' })
  prepared!: boolean;
}

@ObjectType('RatingCampaignError')
export class RatingCampaignErrorModel {
  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('RatingCampaign', { description: 'A crowd listening test after ITU-T P.808 (ACR, 1-5)' })
export class RatingCampaignModel implements RatingCampaignView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  question!: string;

  @Field(() => [String], { description: 'The answers for 1 (worst) to 5 (best)' })
  labels!: string[];

  @Field({ description: 'AUDIO, or AUDIO_VIDEO: every rated clip on its item\'s video' })
  presentation!: string;

  @Field(() => Int)
  votesPerClip!: number;

  @Field(() => Int)
  clipsPerSession!: number;

  @Field(() => Int)
  trapsPerSession!: number;

  @Field(() => Int)
  goldPerSession!: number;

  @Field(() => Int)
  sessionTimeoutSeconds!: number;

  @Field(() => RatingScreeningRulesModel)
  screening!: RatingScreeningRulesModel;

  @Field(() => RatingCampaignStatus)
  status!: RatingCampaignStatus;

  @Field(() => Int, { description: 'Preparation progress: stimuli made' })
  doneStimuli!: number;

  @Field(() => Int)
  totalStimuli!: number;

  @Field(() => RatingCampaignErrorModel, { nullable: true, description: 'Why the last preparation failed' })
  error!: RatingCampaignErrorModel | null;

  @Field(() => [RatingSystemModel])
  systems!: RatingSystemModel[];

  @Field(() => [RatingScoredClipModel], { description: 'Gold clips, then training anchors, each in order' })
  scoredClips!: RatingScoredClipModel[];

  @Field(() => Int)
  items!: number;

  @Field(() => Int)
  sessions!: number;

  @Field(() => Int)
  votes!: number;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  openedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('CreatedRatingCampaign')
export class CreatedRatingCampaignModel {
  @Field(() => RatingCampaignModel)
  campaign!: RatingCampaignModel;

  @Field({ description: 'The campaign link token, shown once: raters open /rate/<link>' })
  link!: string;
}

@ObjectType('RatingLink')
export class RatingLinkModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'A link for one rater, shown once' })
  link!: string;
}

@ObjectType('SystemMos')
export class SystemMosModel implements SystemResult {
  @Field(() => ID)
  systemId!: string;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'Counted votes' })
  n!: number;

  @Field(() => Int, { description: 'Counted raters (sessions)' })
  raters!: number;

  @Field(() => Float, { nullable: true })
  mos!: number | null;

  @Field(() => Float, { nullable: true })
  std!: number | null;

  @Field(() => Float, { nullable: true, description: 'Half-width of the 95% interval (Student t)' })
  ci95!: number | null;

  @Field(() => Float, { nullable: true })
  low!: number | null;

  @Field(() => Float, { nullable: true })
  high!: number | null;
}

@ObjectType('ClipMos')
export class ClipMosModel implements ClipResult {
  @Field(() => ID)
  clipId!: string;

  @Field(() => ID)
  systemId!: string;

  @Field()
  label!: string;

  @Field(() => Int)
  itemOrdinal!: number;

  @Field(() => Int)
  n!: number;

  @Field(() => Float, { nullable: true })
  mos!: number | null;

  @Field(() => Float, { nullable: true })
  std!: number | null;

  @Field(() => Float, { nullable: true })
  ci95!: number | null;

  @Field(() => Float, { nullable: true })
  low!: number | null;

  @Field(() => Float, { nullable: true })
  high!: number | null;
}

@ObjectType('MosComparison', { description: "Welch's t-test of two systems, Bonferroni-corrected" })
export class MosComparisonModel implements PairwiseResult {
  @Field(() => ID)
  a!: string;

  @Field(() => ID)
  b!: string;

  @Field(() => Float)
  difference!: number;

  @Field(() => Float, { nullable: true })
  t!: number | null;

  @Field(() => Float, { nullable: true })
  df!: number | null;

  @Field(() => Float, { nullable: true })
  p!: number | null;

  @Field(() => Float, { nullable: true })
  pBonferroni!: number | null;

  @Field()
  significant!: boolean;
}

@ObjectType('ClipMosEdge')
export class ClipMosEdge {
  @Field()
  cursor!: string;

  @Field(() => ClipMosModel)
  node!: ClipMosModel;
}

@ObjectType('ClipMosConnection', { description: 'A page of MOS per clip, by item then system' })
export class ClipMosConnection {
  @Field(() => [ClipMosEdge])
  edges!: ClipMosEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('RatingResults', { description: 'Live scores over the counted sessions' })
export class RatingResultsModel implements CampaignResults {
  @Field(() => [SystemMosModel])
  systems!: SystemMosModel[];

  /** Every clip with counted votes; GraphQL pages through it (RatingResultsResolver.clips). */
  clips!: ClipMosModel[];

  @Field(() => Int, { description: 'Clips with counted votes (what clips pages through)' })
  clipCount!: number;

  @Field(() => [MosComparisonModel])
  pairwise!: MosComparisonModel[];

  @Field(() => Int)
  votes!: number;

  @Field(() => Int)
  raters!: number;
}

@ObjectType('RaterSession', { description: 'One rater pass, with its screening' })
export class RaterSessionModel implements RaterSessionView {
  @Field(() => ID)
  id!: string;

  @Field()
  stage!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true })
  completionCode!: string | null;

  @Field(() => Int)
  votes!: number;

  @Field()
  excluded!: boolean;

  @Field(() => [String])
  exclusionReasons!: string[];

  @Field(() => String, { nullable: true, description: 'INCLUDE or EXCLUDE by hand; null: the rules decide' })
  override!: 'INCLUDE' | 'EXCLUDE' | null;

  @Field(() => String, { nullable: true })
  overrideNote!: string | null;

  @Field()
  counted!: boolean;

  @Field(() => Float, { nullable: true })
  pearsonR!: number | null;

  @Field()
  outlier!: boolean;

  @Field()
  banned!: boolean;
}

@ObjectType('RaterSessionEdge')
export class RaterSessionEdge {
  @Field()
  cursor!: string;

  @Field(() => RaterSessionModel)
  node!: RaterSessionModel;
}

@ObjectType('RaterSessionConnection', { description: 'A page of rater sessions, newest first' })
export class RaterSessionConnection {
  @Field(() => [RaterSessionEdge])
  edges!: RaterSessionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('RatingCampaignEdge')
export class RatingCampaignEdge {
  @Field()
  cursor!: string;

  @Field(() => RatingCampaignModel)
  node!: RatingCampaignModel;
}

@ObjectType('RatingCampaignConnection', { description: 'A page of rating campaigns, newest first' })
export class RatingCampaignConnection {
  @Field(() => [RatingCampaignEdge])
  edges!: RatingCampaignEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('RatingItemSegment', {
  description: 'A segment of a split as a campaign takes it for an item, with what a person knows it by',
})
export class RatingItemSegmentModel implements ItemSegmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: "Its video's name (the uploaded file's, or an imported item's); null when it has none",
  })
  videoName!: string | null;

  @Field(() => Float, { description: 'Where it starts in its video' })
  startSeconds!: number;

  @Field(() => Float)
  lengthSeconds!: number;

  @Field(() => String, { nullable: true })
  genre!: string | null;

  @Field(() => DatasetCategory)
  category!: DatasetCategory;

  @Field({ description: 'Whether AUDIO_VIDEO can show it: a segment imported without its video cannot' })
  hasVideo!: boolean;
}

@ObjectType('RatingItemSegmentEdge')
export class RatingItemSegmentEdge {
  @Field()
  cursor!: string;

  @Field(() => RatingItemSegmentModel)
  node!: RatingItemSegmentModel;
}

@ObjectType('RatingItemSegmentConnection', {
  description: "A page of a split's segments in the order a campaign takes them as items (by segment id)",
})
export class RatingItemSegmentConnection {
  @Field(() => [RatingItemSegmentEdge])
  edges!: RatingItemSegmentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "The split's segments in all; a campaign takes at most 500 of them" })
  total!: number;
}
