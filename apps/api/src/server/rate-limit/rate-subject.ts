import { TenantContext } from '@loris/engine';

/**
 * Whose budget a request is charged to: its API key, its member, or its client IP when it has no valid
 * credentials (so guessing keys or passwords is limited too). HTTP and graphql-ws share it, so one caller
 * has one budget whichever door it uses.
 */
export function rateSubject(tenant: TenantContext | undefined, ip: string | undefined): string {
  if (!tenant) return `ip:${ip ?? 'unknown'}`;
  return tenant.apiKeyId ? `key:${tenant.apiKeyId}` : `user:${tenant.userId}`;
}
