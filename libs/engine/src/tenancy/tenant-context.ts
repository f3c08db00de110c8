import { MembershipRole } from '@loris/db';

/**
 * Who is calling, resolved once at the edge from the bearer token or the API key. Every domain service
 * that acts for a caller takes it; a job carries only its tenantId.
 */
export interface TenantContext {
  tenantId: string;
  role: MembershipRole;
  /** Set for a member's session token. */
  userId: string | null;
  /** Set when the caller authenticated with an API key. */
  apiKeyId: string | null;
  /** The session behind a member's token (absent for API keys and jobs). */
  sessionId?: string | null;
}
