import { ApiKeyEntity } from './api-key.entity';
import { ArtifactEntity } from './artifact.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DatasetEntity } from './dataset.entity';
import { InvitationEntity } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import { SoundtrackJobEntity } from './soundtrack-job.entity';
import { TenantEntity } from './tenant.entity';
import { TenantQuotaEntity } from './tenant-quota.entity';
import { UserEntity } from './user.entity';

export {
  ApiKeyEntity,
  ArtifactEntity,
  AuditEventEntity,
  DatasetEntity,
  InvitationEntity,
  MembershipEntity,
  SoundtrackJobEntity,
  TenantEntity,
  TenantQuotaEntity,
  UserEntity,
};
export { MembershipRole } from './membership-role.enum';
export { DatasetCategory } from './dataset-category.enum';
export { ArtifactKind } from './artifact-kind.enum';
export { SoundtrackJobStatus, ACTIVE_JOB_STATUSES } from './soundtrack-job-status.enum';
export type { AuditDetails } from './audit-event.entity';

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
];
