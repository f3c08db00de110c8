import { MembershipRole } from '@loris/db';
import { ApiKeyView } from '../api-keys/api-keys.types';

export interface SignUpRequest {
  email: string;
  password: string;
  tenantName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
  /** Which of the user's tenants to enter; the first one if omitted. */
  tenantId?: string | null;
}

export interface UserView {
  id: string;
  email: string;
}

export interface TenantView {
  id: string;
  name: string;
}

/** A new session. */
export interface SessionView {
  token: string;
  expiresAt: Date;
  user: UserView;
  tenant: TenantView;
  role: MembershipRole;
}

/** The caller: a member (session token) or an API key. */
export interface CallerView {
  user: UserView | null;
  tenant: TenantView;
  role: MembershipRole;
  apiKey: ApiKeyView | null;
}
