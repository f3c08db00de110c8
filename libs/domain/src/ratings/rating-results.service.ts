import { Injectable } from '@nestjs/common';
import {
  isUuid,
  MembershipRole,
  RaterSessionEntity,
  RatingBanEntity,
  TenantQuery,
  TenantUnitOfWork,
} from '@loris/db';
import { cursorAfter, Page, pageOf, PageCursor, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { campaignResults, CampaignResults, perClipCsv, perConditionCsv } from './campaign-results';
import {
  InvalidRatingCampaignError,
  RaterSessionNotFoundError,
  RatingCampaignForbiddenError,
  RatingCampaignNotFoundError,
} from './ratings.exception';
import { pearsonR, sessionCounts } from './session-screening';

export interface RaterSessionView {
  id: string;
  stage: string;
  createdAt: Date;
  completedAt: Date | null;
  completionCode: string | null;
  votes: number;
  /** Screening: excluded by the rules, with the reasons. */
  excluded: boolean;
  exclusionReasons: string[];
  /** The owner's hand: INCLUDE, EXCLUDE or null (the rules decide). */
  override: 'INCLUDE' | 'EXCLUDE' | null;
  overrideNote: string | null;
  /** Whether its votes are in the scores. */
  counted: boolean;
  /** Agreement of its test votes with the clip means of the counted sessions; null below 3 clips. */
  pearsonR: number | null;
  outlier: boolean;
  /** Set when a ban names this session's link or IP. */
  banned: boolean;
}

/** A model version's MOS in the newest open or closed campaign that rates it. */
export interface VersionMos {
  campaignId: string;
  campaignName: string;
  mos: number | null;
  ci95: number | null;
  /** Counted votes of its system. */
  votes: number;
}

/** Which sessions a read returns: a page, newest first, or the one session an id or a code names. */
type SessionSelection = { first: number; after: PageCursor | null } | { id: string } | { code: string };

interface SessionRow {
  id: string;
  stage: string;
  created_at: Date;
  completed_at: Date | null;
  completion_code: string | null;
  excluded: boolean;
  exclusion_reasons: string[];
  override: 'INCLUDE' | 'EXCLUDE' | null;
  override_note: string | null;
  votes: number;
  banned: boolean;
}

interface VoteRow {
  session_id: string;
  stimulus_id: string;
  system_id: string;
  item_ordinal: number;
  score: number;
}

/**
 * Scores and screening, live from the votes (issue 17 "Results", "Screening"): MOS per system and clip
 * over the counted sessions, per-rater agreement, the owner's include/exclude (audited), bans, completion
 * codes and the P.808 CSV files.
 */
@Injectable()
export class RatingResultsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async results(caller: TenantContext, campaignId: string): Promise<CampaignResults> {
    return this.uow.read(caller.tenantId, (q) => this.resultsIn(q, campaignId));
  }

  /**
   * Per model version, the MOS of its system in the newest open or closed campaign that rates it: the MOS
   * column of the evaluations' comparison. Versions no such campaign covers are absent from the map.
   */
  async versionMos(caller: TenantContext, versionIds: string[]): Promise<Map<string, VersionMos>> {
    const ids = [...new Set(versionIds)].filter(isUuid);
    const found = new Map<string, VersionMos>();
    if (!ids.length) return found;
    return this.uow.read(caller.tenantId, async (q) => {
      const latest = await q<{ version: string; campaign_id: string; name: string; system_id: string }>(
        `SELECT DISTINCT ON (s.model_version_id) s.model_version_id AS version, c.id AS campaign_id, c.name,
                s.id AS system_id
           FROM rating_systems s JOIN rating_campaigns c ON c.id = s.campaign_id
          WHERE s.kind = 'MODEL' AND s.model_version_id = ANY($1::uuid[]) AND c.status IN ('OPEN', 'CLOSED')
          ORDER BY s.model_version_id, c.opened_at DESC NULLS LAST, c.created_at DESC`,
        [ids],
      );
      const byCampaign = new Map<string, CampaignResults>();
      for (const row of latest) {
        let results = byCampaign.get(row.campaign_id);
        if (!results) byCampaign.set(row.campaign_id, (results = await this.resultsIn(q, row.campaign_id)));
        const system = results.systems.find((s) => s.systemId === row.system_id);
        found.set(row.version, {
          campaignId: row.campaign_id,
          campaignName: row.name,
          mos: system?.mos ?? null,
          ci95: system?.ci95 ?? null,
          votes: system?.n ?? 0,
        });
      }
      return found;
    });
  }

  private async resultsIn(q: TenantQuery, campaignId: string): Promise<CampaignResults> {
    const systems = await this.systems(q, campaignId);
    const { votes } = await this.countedVotes(q, campaignId);
    return campaignResults(
      systems,
      votes.map((v) => ({
        systemId: v.system_id,
        clipId: v.stimulus_id,
        itemOrdinal: v.item_ordinal,
        sessionId: v.session_id,
        score: v.score,
      })),
    );
  }

  async csv(caller: TenantContext, campaignId: string, shape: 'clip' | 'condition'): Promise<string> {
    const results = await this.results(caller, campaignId);
    return shape === 'clip' ? perClipCsv(results) : perConditionCsv(results);
  }

  /** A page of the campaign's sessions with their screening, newest first (first/after as every list). */
  async sessions(
    caller: TenantContext,
    campaignId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<RaterSessionView>> {
    const cursor = cursorAfter(after);
    const rows = await this.readSessions(caller, campaignId, { first: first + 1, after: cursor });
    return pageOf(
      rows,
      first,
      (row) => ({ createdAt: row.createdAt, id: row.id }),
      (row) => row,
    );
  }

  /** The one session an id or a completion code names, or undefined. */
  private async session(
    caller: TenantContext,
    campaignId: string,
    only: { id: string } | { code: string },
  ): Promise<RaterSessionView | undefined> {
    return (await this.readSessions(caller, campaignId, only))[0];
  }

  private async readSessions(
    caller: TenantContext,
    campaignId: string,
    which: SessionSelection,
  ): Promise<RaterSessionView[]> {
    return this.uow.read(caller.tenantId, async (q) => {
      await this.systems(q, campaignId);
      const page = 'first' in which ? which : { first: 1, after: null };
      const rows = await q<SessionRow>(
        `SELECT s.id, s.stage, s.created_at, s.completed_at, s.completion_code, s.excluded, s.exclusion_reasons, s.override,
                s.override_note, (SELECT count(*) FROM ratings r WHERE r.session_id = s.id)::int AS votes,
                EXISTS (SELECT 1 FROM rating_bans b WHERE b.campaign_id = s.campaign_id
                          AND (b.link_token_hash = s.link_token_hash OR b.ip_hash = s.ip_hash)) AS banned
           FROM rater_sessions s
          WHERE s.campaign_id = $1 AND ($2::uuid IS NULL OR s.id = $2) AND ($3::text IS NULL OR s.completion_code = $3)
            AND ($5::timestamptz IS NULL OR (s.created_at, s.id) < ($5, $6::uuid))
          ORDER BY s.created_at DESC, s.id DESC LIMIT $4`,
        [
          campaignId,
          'id' in which ? which.id : null,
          'code' in which ? which.code : null,
          page.first,
          page.after?.createdAt ?? null,
          page.after?.id ?? null,
        ],
      );
      const agreement = await this.agreement(q, campaignId);
      return rows.map((r) => {
        const pearson = agreement.get(r.id) ?? null;
        return {
          id: r.id,
          stage: r.stage,
          createdAt: r.created_at,
          completedAt: r.completed_at,
          completionCode: r.completion_code,
          votes: r.votes,
          excluded: r.excluded,
          exclusionReasons: r.exclusion_reasons,
          override: r.override,
          overrideNote: r.override_note,
          counted: sessionCounts(r.excluded, r.override) && r.completed_at !== null && !r.banned,
          pearsonR: pearson?.r ?? null,
          outlier: pearson?.outlier ?? false,
          banned: r.banned,
        };
      });
    });
  }

  /** The session a completion code belongs to, for paying or checking a rater; NOT_FOUND otherwise. */
  async verifyCompletionCode(
    caller: TenantContext,
    campaignId: string,
    code: string,
  ): Promise<RaterSessionView> {
    const normalized = code.trim().toUpperCase();
    const found = await this.session(caller, campaignId, { code: normalized });
    if (!found) throw new RaterSessionNotFoundError(`with code ${normalized}`);
    return found;
  }

  /** The owner includes or excludes a session by hand (null: back to the rules); audited. */
  async override(
    caller: TenantContext,
    sessionId: string,
    decision: 'INCLUDE' | 'EXCLUDE' | null,
    note: string | null,
  ): Promise<RaterSessionView> {
    if (caller.role !== MembershipRole.OWNER)
      throw new RatingCampaignForbiddenError('include or exclude a rater session', 'an OWNER');
    if (note !== null && note.length > 500)
      throw new InvalidRatingCampaignError('a note is at most 500 characters');
    const session = await this.uow.run(caller.tenantId, async (m) => {
      if (!isUuid(sessionId)) throw new RaterSessionNotFoundError(sessionId);
      const row = await m.findOne(RaterSessionEntity, {
        where: { id: sessionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new RaterSessionNotFoundError(sessionId);
      await m.update(
        RaterSessionEntity,
        { id: sessionId },
        { override: decision, overrideNote: note, overrideBy: caller.userId, overrideAt: new Date() },
      );
      return row;
    });
    this.audit.record(
      caller,
      'rater_session.override',
      { type: 'rater_session', id: sessionId },
      { campaignId: session.campaignId, decision: decision ?? 'RULES', note: note ?? '' },
    );
    return (await this.session(caller, session.campaignId, { id: sessionId }))!;
  }

  /** Bans a session's fingerprint (its link and hashed IP) from the campaign; its votes stop counting. */
  async ban(caller: TenantContext, sessionId: string, reason: string | null): Promise<RaterSessionView> {
    if (caller.role !== MembershipRole.OWNER && caller.role !== MembershipRole.ENGINEER) {
      throw new RatingCampaignForbiddenError('ban a rater');
    }
    const session = await this.uow.run(caller.tenantId, async (m) => {
      if (!isUuid(sessionId)) throw new RaterSessionNotFoundError(sessionId);
      const row = await m.findOneBy(RaterSessionEntity, { id: sessionId });
      if (!row) throw new RaterSessionNotFoundError(sessionId);
      // A campaign link is shared by every rater: banning it would ban them all, so only the IP is named.
      const linkHash = row.linkId ? row.linkTokenHash : null;
      await m.save(
        m.create(RatingBanEntity, {
          tenantId: caller.tenantId,
          campaignId: row.campaignId,
          linkTokenHash: linkHash,
          ipHash: row.ipHash,
          reason: reason?.slice(0, 500) ?? null,
          createdBy: caller.userId,
        }),
      );
      return row;
    });
    this.audit.record(
      caller,
      'rater_session.banned',
      { type: 'rater_session', id: sessionId },
      { campaignId: session.campaignId },
    );
    return (await this.session(caller, session.campaignId, { id: sessionId }))!;
  }

  private async systems(q: TenantQuery, campaignId: string): Promise<Array<{ id: string; label: string }>> {
    if (!isUuid(campaignId)) throw new RatingCampaignNotFoundError(campaignId);
    const [campaign] = await q(`SELECT id FROM rating_campaigns WHERE id = $1`, [campaignId]);
    if (!campaign) throw new RatingCampaignNotFoundError(campaignId);
    return q<{ id: string; label: string }>(
      `SELECT id, label FROM rating_systems WHERE campaign_id = $1 ORDER BY ordinal`,
      [campaignId],
    );
  }

  /** Test votes of completed sessions that count (rules or override, not banned). */
  private async countedVotes(q: TenantQuery, campaignId: string): Promise<{ votes: VoteRow[] }> {
    const votes = await q<VoteRow>(
      `SELECT r.session_id, r.stimulus_id, st.system_id, i.ordinal AS item_ordinal, r.score
         FROM ratings r
         JOIN rating_stimuli st ON st.id = r.stimulus_id AND st.kind = 'TEST'
         JOIN rating_items i ON i.id = st.item_id
         JOIN rater_sessions s ON s.id = r.session_id
        WHERE r.campaign_id = $1 AND s.completed_at IS NOT NULL
          AND (s.override = 'INCLUDE' OR (s.override IS NULL AND NOT s.excluded))
          AND NOT EXISTS (SELECT 1 FROM rating_bans b WHERE b.campaign_id = s.campaign_id
                            AND (b.link_token_hash = s.link_token_hash OR b.ip_hash = s.ip_hash))`,
      [campaignId],
    );
    return { votes };
  }

  /**
   * Per session, Pearson's r between its test votes and the clips' means over the counted sessions (P.808's
   * rater agreement); an outlier when below the campaign's minPearsonR.
   */
  private async agreement(
    q: TenantQuery,
    campaignId: string,
  ): Promise<Map<string, { r: number; outlier: boolean }>> {
    const [campaign] = await q<{ min: number }>(
      `SELECT (screening->>'minPearsonR')::float8 AS min FROM rating_campaigns WHERE id = $1`,
      [campaignId],
    );
    const { votes: counted } = await this.countedVotes(q, campaignId);
    const sums = new Map<string, { sum: number; n: number }>();
    for (const v of counted) {
      const s = sums.get(v.stimulus_id) ?? { sum: 0, n: 0 };
      s.sum += v.score;
      s.n += 1;
      sums.set(v.stimulus_id, s);
    }
    const all = await q<{ session_id: string; stimulus_id: string; score: number }>(
      `SELECT r.session_id, r.stimulus_id, r.score FROM ratings r JOIN rating_stimuli st ON st.id = r.stimulus_id
        WHERE r.campaign_id = $1 AND st.kind = 'TEST'`,
      [campaignId],
    );
    const bySession = new Map<string, { own: number[]; mean: number[] }>();
    for (const v of all) {
      const clip = sums.get(v.stimulus_id);
      if (!clip) continue;
      const entry = bySession.get(v.session_id) ?? { own: [], mean: [] };
      entry.own.push(v.score);
      entry.mean.push(clip.sum / clip.n);
      bySession.set(v.session_id, entry);
    }
    const out = new Map<string, { r: number; outlier: boolean }>();
    for (const [session, { own, mean }] of bySession) {
      const r = pearsonR(own, mean);
      if (r !== null) out.set(session, { r, outlier: r < (campaign?.min ?? 0.25) });
    }
    return out;
  }
}
