import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import {
  RaterDirectory,
  RaterSessionStage,
  RatingScreeningRules,
  TenantQuery,
  TenantUnitOfWork,
} from '@loris/db';
import { APP_CONFIG, AppConfig } from '@loris/engine';
import { planAssignment } from './assignment-plan';
import { HEARING_TONES, hearingLevels, hearingTone } from './hearing-check';
import { RaterError, raterNotFound } from './ratings.exception';
import {
  hashRaterIp,
  hashRaterToken,
  looksLikeRaterToken,
  newCompletionCode,
  newRaterToken,
} from './rating-tokens';
import { screenSession, ScreenedVote } from './session-screening';

/** Tries at the qualification before the session is turned away. */
const QUALIFICATION_TRIES = 3;
/** Network and player slack when checking that a clip was heard to its end. */
const PLAYBACK_SLACK_SECONDS = 0.5;

/** Where a rater stands; all the rater pages need, and nothing that names a system, an item or a file. */
export interface RaterState {
  stage: RaterSessionStage;
  question: string;
  /** The five answers, worst (1) first. */
  labels: string[];
  qualification: { tones: number; triesLeft: number; passed: boolean };
  /** The anchors of the training, each with its expected answer (1-5). */
  training: { anchors: Array<{ index: number; expectedScore: number }> };
  progress: { done: number; total: number };
  /** The clip to rate now (its handle is the only way to its audio), null when none is due. */
  clip: { id: string; position: number } | null;
  completionCode: string | null;
  /** Set when the campaign closed under the rater: votes are refused from then on. */
  campaignOpen: boolean;
}

export interface RaterClient {
  ip: string;
}

interface SessionRow {
  id: string;
  stage: RaterSessionStage;
  campaign_id: string;
  status: string;
  question: string;
  labels: string[];
  qualification_tries: number;
  qualified_at: Date | null;
  completion_code: string | null;
  hearing_answer: number | null;
  hearing_levels: number[] | null;
  environment_stimulus_id: string | null;
  rating_started_at: Date | null;
  completed_at: Date | null;
  link_token_hash: string;
  ip_hash: string;
  clips_per_session: number;
  gold_per_session: number;
  traps_per_session: number;
  votes_per_clip: number;
  session_timeout_seconds: number;
  screening: RatingScreeningRules;
}

/** A stored clip: where its bytes are. */
export interface ClipBlob {
  sha256: string;
  bytes: number;
  /** audio/wav, or video/mp4 for every rated clip of an AUDIO_VIDEO campaign. */
  mediaType: string;
}

type Scope = { tenantId: string; campaignId: string; sessionId: string };

/**
 * The rater's side of a campaign (issue 17): no account, only a link and then a session token. Every call
 * resolves the token to its tenant, campaign and session through the SECURITY DEFINER resolvers, then works
 * in that tenant's transaction and touches only that session's rows; a clip is reached only by an
 * assignment id of the session itself. Votes need the server to have seen the clip played to its end.
 */
@Injectable()
export class RaterService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly directory: RaterDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session from a campaign or per-rater link; returns its token (kept by the page to resume). */
  async start(linkToken: unknown, client: RaterClient): Promise<{ sessionToken: string; state: RaterState }> {
    if (!looksLikeRaterToken(linkToken)) throw raterNotFound();
    const linkHash = hashRaterToken(linkToken);
    const link = await this.directory.resolveLink(linkHash);
    if (!link) throw raterNotFound();
    const ipHash = hashRaterIp(client.ip, this.config.auth.tokenSecret);
    const token = newRaterToken();
    const sessionId = await this.uow.write(link.tenantId, async (q) => {
      const [campaign] = await q<{ status: string }>(`SELECT status FROM rating_campaigns WHERE id = $1`, [
        link.campaignId,
      ]);
      if (campaign?.status !== 'OPEN') throw notOpen();
      const banned = await q(
        `SELECT 1 FROM rating_bans WHERE campaign_id = $1 AND (link_token_hash = $2 OR ip_hash = $3) LIMIT 1`,
        [link.campaignId, linkHash, ipHash],
      );
      if (banned.length)
        throw new RaterError('BANNED', 'This link can no longer be used for this study.', 403);
      if (link.linkId) {
        const used = await q(`SELECT 1 FROM rater_sessions WHERE link_id = $1 LIMIT 1`, [link.linkId]);
        if (used.length) {
          throw new RaterError(
            'WRONG_STAGE',
            'This personal link was already used; continue in the browser where you started.',
            409,
          );
        }
      }
      const [environment] = await q<{ id: string }>(
        `SELECT id FROM rating_stimuli WHERE campaign_id = $1 AND kind = 'ENVIRONMENT' ORDER BY random() LIMIT 1`,
        [link.campaignId],
      );
      const answer = randomInt(HEARING_TONES);
      const [row] = await q<{ id: string }>(
        `INSERT INTO rater_sessions (tenant_id, campaign_id, link_id, token_hash, link_token_hash, ip_hash,
                                     hearing_answer, hearing_levels, environment_stimulus_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          link.tenantId,
          link.campaignId,
          link.linkId,
          hashRaterToken(token),
          linkHash,
          ipHash,
          answer,
          hearingLevels(answer),
          environment?.id ?? null,
        ],
      );
      return row.id;
    });
    const state = await this.uow.write(link.tenantId, (q) =>
      this.stateOf(q, { tenantId: link.tenantId, campaignId: link.campaignId, sessionId }),
    );
    return { sessionToken: token, state };
  }

  /** Where the session stands (the pages call it after a reload). */
  state(sessionToken: unknown): Promise<RaterState> {
    return this.inSession(sessionToken, (q, scope) => this.stateOf(q, scope));
  }

  /** CONSENT -> QUALIFICATION, or straight to TRAINING when this rater qualified for the campaign before. */
  consent(sessionToken: unknown): Promise<RaterState> {
    return this.inSession(sessionToken, async (q, scope, s) => {
      if (s.stage !== RaterSessionStage.CONSENT) return this.stateOf(q, scope);
      const [before] = await q(
        `SELECT 1 FROM rater_sessions WHERE campaign_id = $1 AND link_token_hash = $2 AND ip_hash = $3
            AND qualified_at IS NOT NULL AND id <> $4 LIMIT 1`,
        [scope.campaignId, s.link_token_hash, s.ip_hash, scope.sessionId],
      );
      await q(
        `UPDATE rater_sessions SET consented_at = now(), stage = 'QUALIFICATION', last_seen_at = now() WHERE id = $1`,
        [scope.sessionId],
      );
      if (before) await this.pass(q, scope);
      return this.stateOf(q, scope);
    });
  }

  /** One of the three hearing-check tones, as a WAV. */
  hearingTone(sessionToken: unknown, index: number): Promise<Uint8Array> {
    return this.inSession(sessionToken, async (_q, _scope, s) => {
      if (!Number.isInteger(index) || index < 0 || index >= HEARING_TONES || !s.hearing_levels)
        throw raterNotFound();
      return hearingTone(s.hearing_levels[index]);
    });
  }

  /** The environment-check clip of the session. */
  environmentClip(sessionToken: unknown): Promise<ClipBlob> {
    return this.inSession(sessionToken, async (q, _scope, s) => {
      if (!s.environment_stimulus_id) throw raterNotFound();
      return this.blobOf(q, s.environment_stimulus_id);
    });
  }

  /**
   * The hearing answer (0-2, the quieter tone) and the digits heard in the environment clip. A failed try
   * draws a new quieter tone; after QUALIFICATION_TRIES the session is excluded and ends.
   */
  qualify(sessionToken: unknown, answer: { hearing: unknown; digits: unknown }): Promise<RaterState> {
    return this.inSession(sessionToken, async (q, scope, s) => {
      if (s.stage !== RaterSessionStage.QUALIFICATION) throw wrongStage('the qualification', s.stage);
      if (s.qualification_tries >= QUALIFICATION_TRIES) throw qualificationOver();
      if (!Number.isInteger(answer.hearing) || typeof answer.digits !== 'string') {
        throw new RaterError(
          'BAD_INPUT',
          'Send hearing (0, 1 or 2: the quieter tone) and digits (the digits you heard).',
          400,
        );
      }
      const [environment] = s.environment_stimulus_id
        ? await q<{ expected_answer: string }>(`SELECT expected_answer FROM rating_stimuli WHERE id = $1`, [
            s.environment_stimulus_id,
          ])
        : [];
      const heard = answer.hearing === s.hearing_answer;
      const digitsOk = !environment || answer.digits.replace(/\D/g, '') === environment.expected_answer;
      if (heard && digitsOk) {
        await this.pass(q, scope);
        return this.stateOf(q, scope);
      }
      const tries = s.qualification_tries + 1;
      const next = randomInt(HEARING_TONES);
      await q(
        `UPDATE rater_sessions SET qualification_tries = $2, hearing_answer = $3, hearing_levels = $4, last_seen_at = now(),
                excluded = excluded OR $5, exclusion_reasons = CASE WHEN $5 THEN array_append(exclusion_reasons, 'QUALIFICATION_FAILED') ELSE exclusion_reasons END
          WHERE id = $1`,
        [scope.sessionId, tries, next, hearingLevels(next), tries >= QUALIFICATION_TRIES],
      );
      if (tries >= QUALIFICATION_TRIES) throw qualificationOver();
      throw new RaterError(
        'QUALIFICATION_FAILED',
        `${heard ? 'The digits were not right' : 'That was not the quieter tone'}; listen again (${QUALIFICATION_TRIES - tries} tries left). Use headphones in a quiet place.`,
        422,
      );
    });
  }

  /** A training anchor clip by its index in the state's list. */
  anchorClip(sessionToken: unknown, index: number): Promise<ClipBlob> {
    return this.inSession(sessionToken, async (q, scope, s) => {
      if (!s.qualified_at || !Number.isInteger(index) || index < 0) throw raterNotFound();
      const [anchor] = await q<{ id: string }>(
        `SELECT id FROM rating_stimuli WHERE campaign_id = $1 AND kind = 'ANCHOR' ORDER BY ordinal OFFSET $2 LIMIT 1`,
        [scope.campaignId, index],
      );
      if (!anchor) throw raterNotFound();
      return this.blobOf(q, anchor.id);
    });
  }

  /** TRAINING -> RATING: the session's clips are assigned now. */
  finishTraining(sessionToken: unknown): Promise<RaterState> {
    return this.inSession(sessionToken, async (q, scope, s) => {
      if (s.stage !== RaterSessionStage.TRAINING) throw wrongStage('the training', s.stage);
      await this.assign(q, scope, s);
      return this.stateOf(q, scope);
    });
  }

  /** The bytes of one of the session's clips, by its handle; another session's handle is not found. */
  clip(sessionToken: unknown, clipId: unknown): Promise<ClipBlob> {
    return this.inSession(sessionToken, async (q, scope) => {
      if (!isHandle(clipId)) throw raterNotFound();
      const [row] = await q<ClipBlob>(
        `SELECT ar.sha256, ar.bytes::int AS bytes, ar.media_type AS "mediaType" FROM rating_assignments a
           JOIN rating_stimuli st ON st.id = a.stimulus_id JOIN artifacts ar ON ar.id = st.artifact_id
          WHERE a.id = $1 AND a.session_id = $2`,
        [clipId, scope.sessionId],
      );
      if (!row) throw raterNotFound();
      return row;
    });
  }

  /**
   * A player event. 'ended' marks the clip heard when the server's own clock saw at least the clip's length
   * (less a little slack) since its last 'play'; seeking ahead in the page cannot shorten that.
   */
  playback(
    sessionToken: unknown,
    clipId: unknown,
    event: unknown,
    mediaSeconds?: unknown,
  ): Promise<{ played: boolean }> {
    return this.inSession(sessionToken, async (q, scope) => {
      if (!isHandle(clipId)) throw raterNotFound();
      if (event !== 'play' && event !== 'pause' && event !== 'ended') {
        throw new RaterError('BAD_INPUT', 'event must be play, pause or ended', 400);
      }
      const position =
        typeof mediaSeconds === 'number' && Number.isFinite(mediaSeconds) && mediaSeconds >= 0
          ? mediaSeconds
          : null;
      const [row] = await q<{ played: boolean }>(
        `WITH a AS (
           SELECT a.id, a.play_started_at, a.played_at, st.seconds FROM rating_assignments a
             JOIN rating_stimuli st ON st.id = a.stimulus_id WHERE a.id = $1 AND a.session_id = $2),
         ev AS (INSERT INTO rating_playback_events (tenant_id, assignment_id, event, media_seconds)
                SELECT $3, a.id, $4, $5 FROM a RETURNING id),
         upd AS (
           UPDATE rating_assignments x SET
             play_started_at = CASE WHEN $4 = 'play' THEN clock_timestamp() ELSE x.play_started_at END,
             played_at = CASE WHEN $4 = 'ended' AND x.played_at IS NULL AND x.play_started_at IS NOT NULL
                               AND clock_timestamp() - x.play_started_at >= make_interval(secs => greatest(0, a.seconds - $6))
                              THEN clock_timestamp() ELSE x.played_at END
             FROM a WHERE x.id = a.id RETURNING x.played_at)
         SELECT (SELECT played_at IS NOT NULL FROM upd) AS played, (SELECT count(*) FROM ev) AS events`,
        [clipId, scope.sessionId, scope.tenantId, event, position, PLAYBACK_SLACK_SECONDS],
      );
      if (row.played === null) throw raterNotFound();
      await q(`UPDATE rater_sessions SET last_seen_at = now() WHERE id = $1`, [scope.sessionId]);
      return { played: row.played };
    });
  }

  /**
   * A vote, 1 to 5, on a clip of this session that the server saw played to its end. The same vote sent
   * again (a replay, a double click) counts once: the row is unique per (session, stimulus). The last vote
   * completes the session: it is screened and gets its completion code.
   */
  vote(sessionToken: unknown, clipId: unknown, score: unknown): Promise<RaterState> {
    if (!Number.isInteger(score) || (score as number) < 1 || (score as number) > 5) {
      return Promise.reject(
        new RaterError('BAD_VOTE', 'A vote is a whole number from 1 (worst) to 5 (best).', 400),
      );
    }
    if (!isHandle(clipId)) return Promise.reject(notAssigned());
    return this.inSession(sessionToken, async (q, scope, s) => {
      if (s.stage !== RaterSessionStage.RATING && s.stage !== RaterSessionStage.COMPLETED)
        throw wrongStage('rating', s.stage);
      const [row] = await q<{
        status: string;
        played: boolean;
        inserted: number;
        total: number;
        voted: number;
      }>(
        `WITH target AS (
           SELECT a.id, a.stimulus_id, a.campaign_id, a.played_at, c.status FROM rating_assignments a
             JOIN rating_campaigns c ON c.id = a.campaign_id WHERE a.id = $1 AND a.session_id = $2),
         ins AS (
           INSERT INTO ratings (tenant_id, campaign_id, session_id, stimulus_id, assignment_id, score)
           SELECT $4, t.campaign_id, $2, t.stimulus_id, t.id, $3 FROM target t
            WHERE t.status = 'OPEN' AND t.played_at IS NOT NULL
           ON CONFLICT (session_id, stimulus_id) DO NOTHING RETURNING id),
         seen AS (UPDATE rater_sessions SET last_seen_at = now() WHERE id = $2 RETURNING id)
         SELECT (SELECT count(*) FROM seen)::int AS seen, t.status, t.played_at IS NOT NULL AS played, (SELECT count(*) FROM ins)::int AS inserted,
                (SELECT count(*) FROM rating_assignments x WHERE x.session_id = $2)::int AS total,
                (SELECT count(*) FROM ratings r WHERE r.session_id = $2)::int AS voted
           FROM target t`,
        [clipId, scope.sessionId, score, scope.tenantId],
      );
      if (!row) throw notAssigned();
      if (row.status !== 'OPEN') throw notOpen();
      if (!row.played)
        throw new RaterError('NOT_PLAYED', 'Listen to the whole clip before you rate it.', 409);
      if (row.voted + row.inserted >= row.total && !s.completed_at) await this.complete(q, scope, s);
      return this.stateOf(q, scope);
    });
  }

  /** Resolves the token, then runs `work` in its tenant's transaction with the session's row locked. */
  private async inSession<T>(
    sessionToken: unknown,
    work: (q: TenantQuery, scope: Scope, s: SessionRow) => Promise<T>,
  ): Promise<T> {
    if (!looksLikeRaterToken(sessionToken)) throw raterNotFound();
    const resolved = await this.directory.resolveSession(hashRaterToken(sessionToken));
    if (!resolved) throw raterNotFound();
    return this.uow.write(resolved.tenantId, async (q) => {
      const [s] = await q<SessionRow>(
        `SELECT s.id, s.stage, s.campaign_id, c.status, c.question, c.labels, s.qualification_tries, s.qualified_at,
                s.completion_code, s.hearing_answer, s.hearing_levels, s.environment_stimulus_id, s.rating_started_at,
                s.completed_at, s.link_token_hash, s.ip_hash, c.clips_per_session, c.gold_per_session,
                c.traps_per_session, c.votes_per_clip, c.session_timeout_seconds, c.screening
           FROM rater_sessions s JOIN rating_campaigns c ON c.id = s.campaign_id
          WHERE s.id = $1 FOR UPDATE OF s`,
        [resolved.sessionId],
      );
      if (!s) throw raterNotFound();
      return work(q, resolved, s);
    });
  }

  private async pass(q: TenantQuery, scope: Scope): Promise<void> {
    const [{ anchors }] = await q<{ anchors: number }>(
      `SELECT count(*)::int AS anchors FROM rating_stimuli WHERE campaign_id = $1 AND kind = 'ANCHOR'`,
      [scope.campaignId],
    );
    await q(
      `UPDATE rater_sessions SET qualified_at = coalesce(qualified_at, now()), stage = 'TRAINING', last_seen_at = now() WHERE id = $1`,
      [scope.sessionId],
    );
    if (anchors === 0) {
      const [s] = await q<SessionRow>(
        `SELECT c.clips_per_session, c.gold_per_session, c.traps_per_session, c.votes_per_clip, c.session_timeout_seconds
           FROM rating_campaigns c WHERE c.id = $1`,
        [scope.campaignId],
      );
      await this.assign(q, scope, s);
    }
  }

  /**
   * Gives the session its clips (assignment-plan.ts) under a per-campaign lock, so two sessions starting at
   * once see each other's load. Live load: votes cast, plus clips held by sessions neither finished nor
   * abandoned (silent for longer than the campaign's timeout): an abandoned session's clips go back.
   */
  private async assign(
    q: TenantQuery,
    scope: Scope,
    s: Pick<
      SessionRow,
      | 'clips_per_session'
      | 'gold_per_session'
      | 'traps_per_session'
      | 'votes_per_clip'
      | 'session_timeout_seconds'
    >,
  ): Promise<void> {
    await q(`SELECT pg_advisory_xact_lock(hashtext('rating-assign:' || $1))`, [scope.campaignId]);
    const candidates = await q<{ id: string; system_id: string; item_id: string; load: number }>(
      `WITH voted AS (SELECT stimulus_id, count(*) AS n FROM ratings WHERE campaign_id = $1 GROUP BY stimulus_id),
            held AS (
              SELECT a.stimulus_id, count(*) AS n FROM rating_assignments a JOIN rater_sessions rs ON rs.id = a.session_id
               WHERE a.campaign_id = $1 AND rs.completed_at IS NULL
                 AND rs.last_seen_at > now() - make_interval(secs => $2)
                 AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.session_id = a.session_id AND r.stimulus_id = a.stimulus_id)
               GROUP BY a.stimulus_id)
       SELECT st.id, st.system_id, st.item_id, (coalesce(v.n, 0) + coalesce(h.n, 0))::int AS load
         FROM rating_stimuli st LEFT JOIN voted v ON v.stimulus_id = st.id LEFT JOIN held h ON h.stimulus_id = st.id
        WHERE st.campaign_id = $1 AND st.kind = 'TEST'`,
      [scope.campaignId, s.session_timeout_seconds],
    );
    const extras = await q<{ id: string; kind: 'GOLD' | 'TRAP' }>(
      `SELECT id, kind::text AS kind FROM rating_stimuli WHERE campaign_id = $1 AND kind IN ('GOLD', 'TRAP')`,
      [scope.campaignId],
    );
    const plan = planAssignment({
      candidates: candidates.map((c) => ({
        id: c.id,
        systemId: c.system_id,
        itemId: c.item_id,
        load: c.load,
      })),
      gold: extras.filter((e) => e.kind === 'GOLD'),
      traps: extras.filter((e) => e.kind === 'TRAP'),
      clipsPerSession: s.clips_per_session,
      goldPerSession: s.gold_per_session,
      trapsPerSession: s.traps_per_session,
      votesPerClip: s.votes_per_clip,
      random: Math.random,
    });
    await q(
      `INSERT INTO rating_assignments (tenant_id, campaign_id, session_id, stimulus_id, position)
       SELECT $1, $2, $3, u.stimulus_id, u.position - 1 FROM unnest($4::uuid[]) WITH ORDINALITY AS u(stimulus_id, position)`,
      [scope.tenantId, scope.campaignId, scope.sessionId, plan.map((p) => p.stimulusId)],
    );
    await q(
      `UPDATE rater_sessions SET stage = 'RATING', trained_at = now(), rating_started_at = now() WHERE id = $1`,
      [scope.sessionId],
    );
  }

  /** The last vote: screening (session-screening.ts) and a completion code, kept with the reasons. */
  private async complete(q: TenantQuery, scope: Scope, s: SessionRow): Promise<void> {
    const votes = await q<{
      kind: ScreenedVote['kind'];
      score: number;
      expected: number | null;
      seconds: number;
      at: Date;
    }>(
      `SELECT st.kind::text AS kind, r.score, st.expected_score AS expected, st.seconds, r.created_at AS at
         FROM ratings r JOIN rating_stimuli st ON st.id = r.stimulus_id WHERE r.session_id = $1`,
      [scope.sessionId],
    );
    const last = Math.max(...votes.map((v) => new Date(v.at).getTime()));
    const started = s.rating_started_at ? new Date(s.rating_started_at).getTime() : last;
    const reasons = screenSession(
      votes.map((v) => ({
        kind: v.kind,
        score: v.score,
        expectedScore: v.expected,
        seconds: Number(v.seconds),
      })),
      { ratingSeconds: (last - started) / 1000 },
      s.screening,
    );
    // A clash of codes is as good as impossible (59 bits), and would fail the vote loudly, not silently.
    await q(
      `UPDATE rater_sessions SET stage = 'COMPLETED', completed_at = now(), completion_code = $2,
              excluded = excluded OR cardinality($3::text[]) > 0, exclusion_reasons = exclusion_reasons || $3::text[]
        WHERE id = $1`,
      [scope.sessionId, newCompletionCode(), reasons],
    );
  }

  private async stateOf(q: TenantQuery, scope: Scope): Promise<RaterState> {
    // One statement for the state and the clip due (the hot path: every vote answers with it).
    const [row] = await q<{
      stage: RaterSessionStage;
      question: string;
      labels: string[];
      status: string;
      tries: number;
      qualified: boolean;
      code: string | null;
      total: number;
      done: number;
      clip_id: string | null;
      clip_position: number | null;
    }>(
      `SELECT s.stage, c.question, c.labels, c.status, s.qualification_tries AS tries, s.qualified_at IS NOT NULL AS qualified,
              s.completion_code AS code,
              (SELECT count(*) FROM rating_assignments a WHERE a.session_id = s.id)::int AS total,
              (SELECT count(*) FROM ratings r WHERE r.session_id = s.id)::int AS done,
              due.id AS clip_id, due.position AS clip_position
         FROM rater_sessions s JOIN rating_campaigns c ON c.id = s.campaign_id
         LEFT JOIN LATERAL (
           SELECT a.id, a.position FROM rating_assignments a
            WHERE a.session_id = s.id AND s.stage = 'RATING'
              AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.session_id = a.session_id AND r.stimulus_id = a.stimulus_id)
            ORDER BY a.position LIMIT 1) due ON true
        WHERE s.id = $1`,
      [scope.sessionId],
    );
    const anchors =
      row.stage === RaterSessionStage.TRAINING
        ? await q<{ expected_score: number }>(
            `SELECT expected_score FROM rating_stimuli WHERE campaign_id = $1 AND kind = 'ANCHOR' ORDER BY ordinal`,
            [scope.campaignId],
          )
        : [];
    const clip = row.clip_id !== null ? { id: row.clip_id, position: row.clip_position! } : null;
    return {
      stage: row.stage,
      question: row.question,
      labels: row.labels,
      qualification: {
        tones: HEARING_TONES,
        triesLeft: Math.max(0, QUALIFICATION_TRIES - row.tries),
        passed: row.qualified,
      },
      training: { anchors: anchors.map((a, index) => ({ index, expectedScore: a.expected_score })) },
      progress: { done: row.done, total: row.total },
      clip,
      completionCode: row.code,
      campaignOpen: row.status === 'OPEN',
    };
  }

  private async blobOf(q: TenantQuery, stimulusId: string): Promise<ClipBlob> {
    const [row] = await q<ClipBlob>(
      `SELECT ar.sha256, ar.bytes::int AS bytes, ar.media_type AS "mediaType" FROM rating_stimuli st JOIN artifacts ar ON ar.id = st.artifact_id WHERE st.id = $1`,
      [stimulusId],
    );
    if (!row) throw raterNotFound();
    return row;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isHandle = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const notOpen = () =>
  new RaterError('CAMPAIGN_NOT_OPEN', 'This study is closed and takes no more answers. Thank you.', 409);
const notAssigned = () =>
  new RaterError('NOT_FOUND', 'This clip is not part of your session; rate the clip the page shows.', 404);
const qualificationOver = () =>
  new RaterError(
    'QUALIFICATION_FAILED',
    'The listening check was not passed, so this session has ended. Thank you for your time.',
    403,
  );
const wrongStage = (what: string, stage: RaterSessionStage) =>
  new RaterError(
    'WRONG_STAGE',
    `This session is not at ${what} (it is at ${stage.toLowerCase()}); reload the page.`,
    409,
  );
