import { ApiKeyEntity } from './api-key.entity';
import { ArtifactEntity } from './artifact.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DatasetEntity } from './dataset.entity';
import { DatasetVersionEntity, DatasetVersionSegmentEntity } from './dataset-version.entity';
import {
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationSampleEntity,
  EvaluationSummaryEntity,
} from './evaluation.entities';
import { InvitationEntity } from './invitation.entity';
import { RATING_ENTITIES } from './rating.entities';
import { MembershipEntity } from './membership.entity';
import {
  ModelAliasEntity,
  ModelAliasEventEntity,
  ModelEntity,
  ModelVersionEntity,
} from './model-registry.entities';
import { SegmentEntity } from './segment.entity';
import { SegmentImportEntity } from './segment-import.entity';
import { SessionEntity } from './session.entity';
import { SoundtrackJobEntity } from './soundtrack-job.entity';
import { TenantEntity } from './tenant.entity';
import { TrainingMetricPointEntity, TrainingRunEntity, TrainingRunLogEntity } from './training-run.entities';
import { TenantQuotaEntity } from './tenant-quota.entity';
import { UserEntity } from './user.entity';
import { VideoEntity } from './video.entity';

export {
  ApiKeyEntity,
  ArtifactEntity,
  AuditEventEntity,
  DatasetEntity,
  DatasetVersionEntity,
  DatasetVersionSegmentEntity,
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationSampleEntity,
  EvaluationSummaryEntity,
  InvitationEntity,
  MembershipEntity,
  ModelAliasEntity,
  ModelAliasEventEntity,
  ModelEntity,
  ModelVersionEntity,
  SegmentEntity,
  SegmentImportEntity,
  SessionEntity,
  SoundtrackJobEntity,
  TenantEntity,
  TenantQuotaEntity,
  TrainingMetricPointEntity,
  TrainingRunEntity,
  TrainingRunLogEntity,
  UserEntity,
  VideoEntity,
};
export {
  FINISHED_TRAINING_STATUSES,
  TrainingBackend,
  TrainingRunStatus,
  type TrainingMetricKind,
} from './training-run.entities';
export { MembershipRole } from './membership-role.enum';
export { DatasetCategory } from './dataset-category.enum';
export { ArtifactKind } from './artifact-kind.enum';
export { SoundtrackJobStatus, ACTIVE_JOB_STATUSES } from './soundtrack-job-status.enum';
export { SoundtrackJobStage } from './soundtrack-job-stage.enum';
export type { SoundtrackSync } from './soundtrack-sync';
export type { AuditDetails } from './audit-event.entity';
export {
  DatasetSplit,
  DatasetSplitBy,
  SEGMENT_FLAGS,
  SegmentRejectReason,
  SegmentReviewStatus,
  VideoStatus,
  type SegmentFlag,
} from './curation.enums';
export type { DatasetVersionStats } from './dataset-version.entity';
export { ModelVersionSource, type ModelVersionFile } from './model-registry.entities';
export { EvaluationStatus } from './evaluation.entities';
export * from './rating.entities';

export const ENTITIES = [
  TenantEntity,
  UserEntity,
  MembershipEntity,
  ApiKeyEntity,
  InvitationEntity,
  AuditEventEntity,
  DatasetEntity,
  ArtifactEntity,
  SoundtrackJobEntity,
  TenantQuotaEntity,
  SessionEntity,
  VideoEntity,
  SegmentEntity,
  DatasetVersionEntity,
  DatasetVersionSegmentEntity,
  SegmentImportEntity,
  ModelEntity,
  ModelVersionEntity,
  ModelAliasEntity,
  ModelAliasEventEntity,
  TrainingRunEntity,
  TrainingMetricPointEntity,
  TrainingRunLogEntity,
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationSampleEntity,
  EvaluationSummaryEntity,
  ...RATING_ENTITIES,
];
