import { MembershipRole } from '@loris/db';

/** Who is calling, resolved once at the edge from the bearer token or the API key. */
export interface TenantContext {
  tenantId: string;
  role: MembershipRole;
  /** Set for a member's session token. */
  userId: string | null;
  /** Set when the caller authenticated with an API key. */
  apiKeyId: string | null;
}

/** Where the edge middleware leaves the caller on the request. */
export interface RequestWithTenant {
  tenant?: TenantContext;
  ip?: string;
}
