import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The token a training pod reports with (issue 15): random, scoped to one run, and stored only as its sha256
 * (training_runs.report_token_hash), so a database read does not hand out a credential. Its text carries
 * the run's tenant (`lrt.<tenant id>.<secret>`) only so the API knows under which tenant to look the run
 * up (row-level security); the tenant part grants nothing, the hash comparison decides.
 */
const PREFIX = 'lrt';
const TOKEN = /^lrt\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/i;

export function mintRunToken(tenantId: string): string {
  return `${PREFIX}.${tenantId}.${randomBytes(32).toString('base64url')}`;
}

/** The hex sha256 kept in report_token_hash. */
export function hashRunToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The tenant a well-formed run token names, or undefined for anything else. */
export function runTokenTenant(token: string): string | undefined {
  return TOKEN.exec(token)?.[1]?.toLowerCase();
}

/** Whether a bearer value looks like a run token (so the API's member authentication leaves it alone). */
export function looksLikeRunToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`);
}

/** Constant-time comparison of a presented token with a stored hash (both hashed to 32 bytes first). */
export function runTokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  const presented = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(presented, Buffer.from(storedHash, 'hex'));
}
