import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { prepared } from './prepared-statement';
import { RecentlyUsed } from './recently-used';

export interface ResolvedRaterLink {
  tenantId: string;
  campaignId: string;
  /** Null for the campaign link, else the per-rater link. */
  linkId: string | null;
}

export interface ResolvedRaterSession {
  tenantId: string;
  campaignId: string;
  sessionId: string;
}

/**
 * How a rater, who has no tenant session, gets in: the SECURITY DEFINER functions of the ratings migration
 * turn a token's hash into its tenant, campaign and session, and nothing else. The caller then works in
 * that tenant's unit of work, where row-level security still refuses every other tenant's rows.
 *
 * A session token names the same session for as long as it exists, so its resolution is remembered (every
 * vote resolves it, and the vote path's goal counts round trips). A session deleted since is not found by
 * the caller's own read of it in the tenant's unit of work. Links are not remembered: a per-rater link
 * can be revoked.
 */
export class RaterDirectory {
  private readonly pool: Pool;
  private readonly sessions: RecentlyUsed<string, ResolvedRaterSession>;

  constructor(dataSource: DataSource, rememberedSessions = 10_000) {
    this.pool = (dataSource.driver as PostgresDriver).master;
    this.sessions = new RecentlyUsed(rememberedSessions);
  }

  async resolveLink(tokenHash: string): Promise<ResolvedRaterLink | null> {
    const { rows } = await this.pool.query(
      prepared('SELECT tenant_id, campaign_id, link_id FROM rating_resolve_link($1)', [tokenHash]),
    );
    const row = rows[0] as { tenant_id: string; campaign_id: string; link_id: string | null } | undefined;
    return row ? { tenantId: row.tenant_id, campaignId: row.campaign_id, linkId: row.link_id } : null;
  }

  async resolveSession(tokenHash: string): Promise<ResolvedRaterSession | null> {
    const remembered = this.sessions.get(tokenHash);
    if (remembered) return remembered;
    const { rows } = await this.pool.query(
      prepared('SELECT tenant_id, campaign_id, session_id FROM rating_resolve_session($1)', [tokenHash]),
    );
    const row = rows[0] as { tenant_id: string; campaign_id: string; session_id: string } | undefined;
    if (!row) return null; // unknown tokens are not remembered: anyone can send one and fill the cache
    const resolved = { tenantId: row.tenant_id, campaignId: row.campaign_id, sessionId: row.session_id };
    this.sessions.set(tokenHash, resolved);
    return resolved;
  }
}
