import { ApiKeyEntity } from './api-key.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DatasetEntity } from './dataset.entity';
import { InvitationEntity } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export {
  ApiKeyEntity,
  AuditEventEntity,
  DatasetEntity,
  InvitationEntity,
  MembershipEntity,
  TenantEntity,
  UserEntity,
};
export { MembershipRole } from './membership-role.enum';
export { DatasetCategory } from './dataset-category.enum';
export type { AuditDetails } from './audit-event.entity';

export const ENTITIES = [
  TenantEntity,
  UserEntity,
  MembershipEntity,
  ApiKeyEntity,
  InvitationEntity,
  AuditEventEntity,
  DatasetEntity,
];
