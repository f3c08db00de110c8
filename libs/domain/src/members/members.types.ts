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
