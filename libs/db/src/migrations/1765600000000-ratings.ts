import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MOS campaigns (issue 17): crowd listening tests after ITU-T P.808 (ACR, 1-5).
 *
 * - rating_campaigns: the question and its labels, targets, screening rules, lifecycle (DRAFT -> PREPARING
 *   -> OPEN -> CLOSED; a failed preparation returns to DRAFT with its error) and the campaign link's hash.
 * - rating_systems / rating_items: what is compared (a model version with sampler settings, ground truth or
 *   uploaded baseline clips matched to items by position) over what (segments of a frozen version's split,
 *   or uploaded pose tracks with their ground-truth audio).
 * - rating_stimuli: every clip a rater can hear (TEST = system x item, GOLD, TRAP, ANCHOR for training,
 *   ENVIRONMENT for the qualification), loudness-normalised. The row id is random and is never shown to a
 *   rater: a rater reaches a clip only through an assignment id of their own session.
 * - rating_links: per-rater links (the campaign link lives on the campaign). Only hashes are stored.
 * - rater_sessions: one rater's pass through a campaign (token hash, fingerprint: link hash + hashed IP),
 *   the qualification challenge, screening outcome and the owner's override.
 * - rating_assignments: the clips of a session, in order; the id is the rater's handle on the clip.
 * - rating_playback_events: what the rater's player reported (a vote needs the end seen by the server).
 * - ratings: the votes. UNIQUE (session, stimulus): a replayed or double-clicked vote counts once.
 * - rating_bans: per campaign, a link hash and/or a hashed IP that may not start a session.
 *
 * Every table is tenant-scoped by row-level security. A rater has no tenant session: the SECURITY DEFINER
 * functions rating_resolve_link and rating_resolve_session turn a token's hash into (tenant, campaign,
 * session) and nothing more; the API then works inside that tenant's unit of work, where the policies still
 * refuse every other tenant's rows, and filters by the campaign and session the token resolved to.
 */
export class Ratings1765600000000 implements MigrationInterface {
  name = 'Ratings1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE rating_campaign_status AS ENUM ('DRAFT', 'PREPARING', 'OPEN', 'CLOSED');
      CREATE TYPE rating_system_kind AS ENUM ('MODEL', 'GROUND_TRUTH', 'BASELINE');
      CREATE TYPE rating_stimulus_kind AS ENUM ('TEST', 'GOLD', 'TRAP', 'ANCHOR', 'ENVIRONMENT');
      CREATE TYPE rater_session_stage AS ENUM ('CONSENT', 'QUALIFICATION', 'TRAINING', 'RATING', 'COMPLETED');

      CREATE TABLE rating_campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
        labels text[] NOT NULL CHECK (cardinality(labels) = 5),
        presentation text NOT NULL DEFAULT 'AUDIO' CHECK (presentation IN ('AUDIO', 'AUDIO_VIDEO')),
        votes_per_clip integer NOT NULL CHECK (votes_per_clip BETWEEN 1 AND 1000),
        clips_per_session integer NOT NULL CHECK (clips_per_session BETWEEN 1 AND 200),
        traps_per_session integer NOT NULL CHECK (traps_per_session BETWEEN 0 AND 5),
        gold_per_session integer NOT NULL CHECK (gold_per_session BETWEEN 0 AND 5),
        screening jsonb NOT NULL,
        session_timeout_seconds integer NOT NULL CHECK (session_timeout_seconds BETWEEN 60 AND 604800),
        status rating_campaign_status NOT NULL DEFAULT 'DRAFT',
        total_stimuli integer NOT NULL DEFAULT 0 CHECK (total_stimuli >= 0),
        done_stimuli integer NOT NULL DEFAULT 0 CHECK (done_stimuli >= 0),
        error_code text,
        error_message text CHECK (length(error_message) <= 2000),
        link_token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        opened_at timestamptz(3),
        closed_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX rating_campaigns_page_idx ON rating_campaigns (tenant_id, created_at DESC, id DESC);

      CREATE TABLE rating_systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        kind rating_system_kind NOT NULL,
        model_version_id uuid REFERENCES model_versions (id),
        sampler text,
        steps integer CHECK (steps BETWEEN 1 AND 1000),
        guidance double precision CHECK (guidance >= 0),
        seed integer CHECK (seed >= 0),
        -- BASELINE: one uploaded WAV per item, in the items' order.
        baseline_artifact_ids uuid[],
        UNIQUE (campaign_id, ordinal),
        UNIQUE (campaign_id, label),
        CHECK ((kind = 'MODEL') = (model_version_id IS NOT NULL AND sampler IS NOT NULL AND steps IS NOT NULL
                                   AND guidance IS NOT NULL AND seed IS NOT NULL)),
        CHECK ((kind = 'BASELINE') = (baseline_artifact_ids IS NOT NULL))
      );

      CREATE TABLE rating_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        segment_id uuid REFERENCES segments (id),
        poses_artifact_id uuid REFERENCES artifacts (id),
        audio_artifact_id uuid REFERENCES artifacts (id),
        genre text,
        seconds double precision NOT NULL CHECK (seconds > 0 AND seconds <= 600),
        UNIQUE (campaign_id, ordinal)
      );

      CREATE TABLE rating_stimuli (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        kind rating_stimulus_kind NOT NULL,
        system_id uuid REFERENCES rating_systems (id) ON DELETE CASCADE,
        item_id uuid REFERENCES rating_items (id) ON DELETE CASCADE,
        -- GOLD and ANCHOR: the owner's upload, before normalisation.
        source_artifact_id uuid REFERENCES artifacts (id),
        artifact_id uuid REFERENCES artifacts (id),
        seconds double precision CHECK (seconds > 0),
        expected_score smallint CHECK (expected_score BETWEEN 1 AND 5),
        -- ENVIRONMENT: the digits spoken in the clip.
        expected_answer text CHECK (length(expected_answer) <= 20),
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((kind = 'TEST') = (system_id IS NOT NULL AND item_id IS NOT NULL)),
        CHECK (kind NOT IN ('GOLD', 'TRAP', 'ANCHOR') OR expected_score IS NOT NULL),
        CHECK (kind <> 'ENVIRONMENT' OR expected_answer IS NOT NULL),
        UNIQUE (campaign_id, kind, ordinal)
      );
      CREATE UNIQUE INDEX rating_stimuli_test_idx ON rating_stimuli (campaign_id, system_id, item_id)
        WHERE kind = 'TEST';

      CREATE TABLE rating_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        label text CHECK (length(label) <= 200),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE rater_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        link_id uuid REFERENCES rating_links (id) ON DELETE SET NULL,
        token_hash text NOT NULL UNIQUE,
        -- The fingerprint a ban names: the link's hash and the keyed hash of the client IP.
        link_token_hash text NOT NULL,
        ip_hash text NOT NULL,
        stage rater_session_stage NOT NULL DEFAULT 'CONSENT',
        consented_at timestamptz(3),
        -- The hearing check: which of three tones is quieter (kept here, never sent).
        hearing_answer smallint CHECK (hearing_answer BETWEEN 0 AND 2),
        hearing_levels real[],
        environment_stimulus_id uuid REFERENCES rating_stimuli (id),
        qualification_tries integer NOT NULL DEFAULT 0,
        qualified_at timestamptz(3),
        trained_at timestamptz(3),
        rating_started_at timestamptz(3),
        completed_at timestamptz(3),
        completion_code text UNIQUE,
        last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
        excluded boolean NOT NULL DEFAULT false,
        exclusion_reasons text[] NOT NULL DEFAULT '{}',
        pearson_r double precision,
        outlier boolean NOT NULL DEFAULT false,
        override text CHECK (override IN ('INCLUDE', 'EXCLUDE')),
        override_note text CHECK (length(override_note) <= 500),
        override_by uuid REFERENCES users (id) ON DELETE SET NULL,
        override_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX rater_sessions_campaign_idx ON rater_sessions (campaign_id, created_at);

      CREATE TABLE rating_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES rater_sessions (id) ON DELETE CASCADE,
        stimulus_id uuid NOT NULL REFERENCES rating_stimuli (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        play_started_at timestamptz(3),
        played_at timestamptz(3),
        UNIQUE (session_id, stimulus_id),
        UNIQUE (session_id, position)
      );
      CREATE INDEX rating_assignments_stimulus_idx ON rating_assignments (stimulus_id);
      -- The live load of a campaign's clips, read at every assignment.
      CREATE INDEX rating_assignments_campaign_idx ON rating_assignments (campaign_id, stimulus_id);

      CREATE TABLE rating_playback_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES rating_assignments (id) ON DELETE CASCADE,
        event text NOT NULL CHECK (event IN ('play', 'pause', 'ended')),
        media_seconds double precision CHECK (media_seconds >= 0),
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX rating_playback_events_assignment_idx ON rating_playback_events (assignment_id, id);

      CREATE TABLE ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES rater_sessions (id) ON DELETE CASCADE,
        stimulus_id uuid NOT NULL REFERENCES rating_stimuli (id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES rating_assignments (id) ON DELETE CASCADE,
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (session_id, stimulus_id)
      );
      CREATE INDEX ratings_campaign_idx ON ratings (campaign_id, stimulus_id);

      CREATE TABLE rating_bans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES rating_campaigns (id) ON DELETE CASCADE,
        link_token_hash text,
        ip_hash text,
        reason text CHECK (length(reason) <= 500),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (link_token_hash IS NOT NULL OR ip_hash IS NOT NULL)
      );
      CREATE INDEX rating_bans_campaign_idx ON rating_bans (campaign_id);

      CREATE TRIGGER rating_systems_own_version BEFORE INSERT OR UPDATE ON rating_systems
        FOR EACH ROW WHEN (NEW.model_version_id IS NOT NULL)
        EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');

      -- A link (the campaign's or a rater's) to its tenant and campaign; nothing when unknown.
      CREATE FUNCTION rating_resolve_link(p_token_hash text)
        RETURNS TABLE (tenant_id uuid, campaign_id uuid, link_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          SELECT c.tenant_id, c.id, NULL::uuid FROM rating_campaigns c WHERE c.link_token_hash = p_token_hash
          UNION ALL
          SELECT l.tenant_id, l.campaign_id, l.id FROM rating_links l WHERE l.token_hash = p_token_hash
        $$;

      -- A rater session token to its tenant, campaign and session; nothing when unknown.
      CREATE FUNCTION rating_resolve_session(p_token_hash text)
        RETURNS TABLE (tenant_id uuid, campaign_id uuid, session_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          SELECT s.tenant_id, s.campaign_id, s.id FROM rater_sessions s WHERE s.token_hash = p_token_hash
        $$;
    `);
    for (const table of RATING_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }
    for (const fn of RATING_FUNCTIONS) await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    for (const table of RATING_APPEND_ONLY_TABLES)
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS ${RATING_FUNCTIONS.join(', ')};
      DROP TABLE IF EXISTS ${[...RATING_TABLES].reverse().join(', ')};
      DROP TYPE IF EXISTS rater_session_stage, rating_stimulus_kind, rating_system_kind, rating_campaign_status;
    `);
  }
}

const RATING_TABLES = [
  'rating_campaigns',
  'rating_systems',
  'rating_items',
  'rating_stimuli',
  'rating_links',
  'rater_sessions',
  'rating_assignments',
  'rating_playback_events',
  'ratings',
  'rating_bans',
];

/** The link and session resolvers, granted to the app role (the only way in without a tenant session). */
export const RATING_FUNCTIONS = ['rating_resolve_link(text)', 'rating_resolve_session(text)'];

/** A vote and a playback event are written once; the app role cannot rewrite or remove them. */
export const RATING_APPEND_ONLY_TABLES = ['ratings', 'rating_playback_events'];
