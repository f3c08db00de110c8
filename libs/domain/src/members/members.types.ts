import { MembershipRole } from '@loris/db';
import { UserView } from '../auth/auth.types';

export interface InviteMemberRequest {
  email: string;
  role: MembershipRole;
}

export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

export interface InvitationView {
  token: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
}

export interface MemberView {
  id: string;
  user: UserView;
  role: MembershipRole;
  joinedAt: Date;
}

/** A handover of a tenant: the caller stepped down, the other member became an OWNER. */
export interface OwnershipTransferView {
  previousOwner: MemberView;
  newOwner: MemberView;
}

/** An invitation that can still be accepted (not accepted, not revoked, not expired). */
export interface PendingInvitationView {
  id: string;
  email: string;
  role: MembershipRole;
  invitedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}
