import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a MOS campaign stands (issue 17); a failed preparation goes back to DRAFT with its error. */
export enum RatingCampaignStatus {
  DRAFT = 'DRAFT',
  PREPARING = 'PREPARING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum RatingSystemKind {
  MODEL = 'MODEL',
  GROUND_TRUTH = 'GROUND_TRUTH',
  BASELINE = 'BASELINE',
}

/** TEST: a system's clip of an item; the others check or train the rater. */
export enum RatingStimulusKind {
  TEST = 'TEST',
  GOLD = 'GOLD',
  TRAP = 'TRAP',
  ANCHOR = 'ANCHOR',
  ENVIRONMENT = 'ENVIRONMENT',
}

export enum RaterSessionStage {
  CONSENT = 'CONSENT',
  QUALIFICATION = 'QUALIFICATION',
  TRAINING = 'TRAINING',
  RATING = 'RATING',
  COMPLETED = 'COMPLETED',
}

/** Which screening rules exclude a session, and the gold tolerance (P.808: more than 1 away fails). */
export interface RatingScreeningRules {
  traps: boolean;
  gold: boolean;
  goldTolerance: number;
  tooFast: boolean;
  sameAnswer: boolean;
  /** Pearson r against the clip means below which a rater is flagged an outlier (flag only). */
  minPearsonR: number;
}

@Entity({ name: 'rating_campaigns' })
export class RatingCampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'text', array: true })
  labels!: string[];

  @Column({ type: 'text', default: 'AUDIO' })
  presentation!: 'AUDIO' | 'AUDIO_VIDEO';

  @Column({ name: 'votes_per_clip', type: 'integer' })
  votesPerClip!: number;

  @Column({ name: 'clips_per_session', type: 'integer' })
  clipsPerSession!: number;

  @Column({ name: 'traps_per_session', type: 'integer' })
  trapsPerSession!: number;

  @Column({ name: 'gold_per_session', type: 'integer' })
  goldPerSession!: number;

  @Column({ type: 'jsonb' })
  screening!: RatingScreeningRules;

  @Column({ name: 'session_timeout_seconds', type: 'integer' })
  sessionTimeoutSeconds!: number;

  @Column({ type: 'enum', enum: RatingCampaignStatus, enumName: 'rating_campaign_status' })
  status!: RatingCampaignStatus;

  @Column({ name: 'total_stimuli', type: 'integer', default: 0 })
  totalStimuli!: number;

  @Column({ name: 'done_stimuli', type: 'integer', default: 0 })
  doneStimuli!: number;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'link_token_hash', type: 'text' })
  linkTokenHash!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3, nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

@Entity({ name: 'rating_systems' })
export class RatingSystemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'integer' })
  ordinal!: number;

  /** The owner's name for it; never shown to a rater. */
  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'enum', enum: RatingSystemKind, enumName: 'rating_system_kind' })
  kind!: RatingSystemKind;

  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId!: string | null;

  @Column({ type: 'text', nullable: true })
  sampler!: string | null;

  @Column({ type: 'integer', nullable: true })
  steps!: number | null;

  @Column({ type: 'double precision', nullable: true })
  guidance!: number | null;

  @Column({ type: 'integer', nullable: true })
  seed!: number | null;

  @Column({ name: 'baseline_artifact_ids', type: 'uuid', array: true, nullable: true })
  baselineArtifactIds!: string[] | null;
}

@Entity({ name: 'rating_items' })
export class RatingItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'integer' })
  ordinal!: number;

  @Column({ name: 'segment_id', type: 'uuid', nullable: true })
  segmentId!: string | null;

  @Column({ name: 'poses_artifact_id', type: 'uuid', nullable: true })
  posesArtifactId!: string | null;

  /** The item's ground truth (a segment's audio or the uploaded WAV). */
  @Column({ name: 'audio_artifact_id', type: 'uuid', nullable: true })
  audioArtifactId!: string | null;

  @Column({ type: 'text', nullable: true })
  genre!: string | null;

  @Column({ type: 'double precision' })
  seconds!: number;

  /** The item's video (a segment's source video, or an uploaded one): AUDIO_VIDEO plays it. */
  @Column({ name: 'video_artifact_id', type: 'uuid', nullable: true })
  videoArtifactId!: string | null;

  /** Where the item starts in its video (a segment's start in its source video). */
  @Column({ name: 'video_start_seconds', type: 'double precision', default: 0 })
  videoStartSeconds!: number;
}

@Entity({ name: 'rating_stimuli' })
export class RatingStimulusEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'enum', enum: RatingStimulusKind, enumName: 'rating_stimulus_kind' })
  kind!: RatingStimulusKind;

  @Column({ name: 'system_id', type: 'uuid', nullable: true })
  systemId!: string | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ name: 'source_artifact_id', type: 'uuid', nullable: true })
  sourceArtifactId!: string | null;

  /**
   * What a rater hears: the normalised, metadata-free WAV, or under AUDIO_VIDEO that WAV on the item's
   * video as a neutral MP4; null until prepared.
   */
  @Column({ name: 'artifact_id', type: 'uuid', nullable: true })
  artifactId!: string | null;

  @Column({ type: 'double precision', nullable: true })
  seconds!: number | null;

  @Column({ name: 'expected_score', type: 'smallint', nullable: true })
  expectedScore!: number | null;

  @Column({ name: 'expected_answer', type: 'text', nullable: true })
  expectedAnswer!: string | null;

  @Column({ type: 'integer' })
  ordinal!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

@Entity({ name: 'rating_links' })
export class RatingLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

@Entity({ name: 'rater_sessions' })
export class RaterSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'link_id', type: 'uuid', nullable: true })
  linkId!: string | null;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'link_token_hash', type: 'text' })
  linkTokenHash!: string;

  @Column({ name: 'ip_hash', type: 'text' })
  ipHash!: string;

  @Column({ type: 'enum', enum: RaterSessionStage, enumName: 'rater_session_stage' })
  stage!: RaterSessionStage;

  @Column({ name: 'consented_at', type: 'timestamptz', precision: 3, nullable: true })
  consentedAt!: Date | null;

  @Column({ name: 'hearing_answer', type: 'smallint', nullable: true })
  hearingAnswer!: number | null;

  @Column({ name: 'hearing_levels', type: 'real', array: true, nullable: true })
  hearingLevels!: number[] | null;

  @Column({ name: 'environment_stimulus_id', type: 'uuid', nullable: true })
  environmentStimulusId!: string | null;

  @Column({ name: 'qualification_tries', type: 'integer', default: 0 })
  qualificationTries!: number;

  @Column({ name: 'qualified_at', type: 'timestamptz', precision: 3, nullable: true })
  qualifiedAt!: Date | null;

  @Column({ name: 'trained_at', type: 'timestamptz', precision: 3, nullable: true })
  trainedAt!: Date | null;

  @Column({ name: 'rating_started_at', type: 'timestamptz', precision: 3, nullable: true })
  ratingStartedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completion_code', type: 'text', nullable: true })
  completionCode!: string | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', precision: 3 })
  lastSeenAt!: Date;

  @Column({ type: 'boolean', default: false })
  excluded!: boolean;

  @Column({ name: 'exclusion_reasons', type: 'text', array: true, default: () => "'{}'" })
  exclusionReasons!: string[];

  @Column({ name: 'pearson_r', type: 'double precision', nullable: true })
  pearsonR!: number | null;

  @Column({ type: 'boolean', default: false })
  outlier!: boolean;

  @Column({ type: 'text', nullable: true })
  override!: 'INCLUDE' | 'EXCLUDE' | null;

  @Column({ name: 'override_note', type: 'text', nullable: true })
  overrideNote!: string | null;

  @Column({ name: 'override_by', type: 'uuid', nullable: true })
  overrideBy!: string | null;

  @Column({ name: 'override_at', type: 'timestamptz', precision: 3, nullable: true })
  overrideAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

@Entity({ name: 'rating_bans' })
export class RatingBanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'link_token_hash', type: 'text', nullable: true })
  linkTokenHash!: string | null;

  @Column({ name: 'ip_hash', type: 'text', nullable: true })
  ipHash!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

export const RATING_ENTITIES = [
  RatingCampaignEntity,
  RatingSystemEntity,
  RatingItemEntity,
  RatingStimulusEntity,
  RatingLinkEntity,
  RaterSessionEntity,
  RatingBanEntity,
];
