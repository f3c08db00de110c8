import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dataset curation (issue 14): the videos a dataset is filled with, the segments the ingest job cuts from
 * them (with their artifacts and review decision), and frozen dataset versions with a split per segment.
 *
 * A frozen version is immutable in the database, not only in the code: triggers refuse any change to a
 * frozen version's row and any INSERT, UPDATE or DELETE of its membership, for every role, the owner
 * included. Two exceptions keep the schema usable: a version is frozen by the UPDATE that sets frozen_at
 * on a row that had none (the freeze writes its membership first, then freezes), and membership rows go
 * when a cascade removes them (a whole version, dataset or tenant deleted; pg_trigger_depth() > 1 inside
 * a foreign-key action). Deleting a whole version is the training issue's to guard ("in use by a run").
 * A segment that belongs to a frozen version cannot change its review decision, genre or media either.
 */
export class Curation1765100000000 implements MigrationInterface {
  name = 'Curation1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // ADD VALUE may run inside the migration's transaction; the new values are only unusable until it
    // commits, and nothing below uses them.
    for (const kind of NEW_ARTIFACT_KINDS)
      await q.query(`ALTER TYPE artifact_kind ADD VALUE IF NOT EXISTS '${kind}'`);

    await q.query(`
      CREATE TYPE video_status AS ENUM ('QUEUED', 'INGESTING', 'READY', 'FAILED', 'CANCELLED');
      CREATE TYPE segment_review_status AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');
      CREATE TYPE segment_reject_reason AS ENUM (
        'NOISY_AUDIO', 'VOCALS_OR_COMMENTARY', 'NO_MUSIC', 'MISSING_FRAMES', 'NO_PERSON', 'OUT_OF_SYNC', 'OTHER'
      );
      CREATE TYPE dataset_split AS ENUM ('TRAIN', 'VALID', 'TEST');
      CREATE TYPE dataset_split_by AS ENUM ('VIDEO', 'SEGMENT');

      -- What the ingest job cuts: 25 s and/or 50 s segments (the paper's lengths), and the pose rate.
      ALTER TABLE datasets
        ADD COLUMN segment_lengths integer[] NOT NULL DEFAULT '{25}'
          CHECK (cardinality(segment_lengths) BETWEEN 1 AND 2 AND segment_lengths <@ '{25,50}'),
        ADD COLUMN pose_fps real NOT NULL DEFAULT 30 CHECK (pose_fps > 0 AND pose_fps <= 60);
      -- The paper cut sports footage into both lengths, dance into 25 s only (section 4.1).
      UPDATE datasets SET segment_lengths = '{25,50}' WHERE category <> 'DANCE';

      CREATE TABLE videos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        -- Null only for segments imported without their video (LORIS-layout folders).
        source_artifact_id uuid REFERENCES artifacts (id),
        status video_status NOT NULL DEFAULT 'QUEUED',
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        duration_seconds double precision CHECK (duration_seconds >= 0),
        fps real CHECK (fps > 0),
        width integer CHECK (width > 0),
        height integer CHECK (height > 0),
        has_audio boolean,
        failure_code text,
        failure_reason text,
        attempts integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- The same upload added twice to a dataset is one video (and one set of segments).
        UNIQUE (dataset_id, source_artifact_id),
        CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))
      );
      CREATE INDEX videos_page_idx ON videos (tenant_id, dataset_id, created_at DESC, id DESC);

      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        video_id uuid NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
        dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        start_seconds double precision NOT NULL CHECK (start_seconds >= 0),
        length_seconds integer NOT NULL CHECK (length_seconds IN (25, 50)),
        category dataset_category NOT NULL,
        genre text CHECK (length(genre) BETWEEN 1 AND 50),
        status segment_review_status NOT NULL DEFAULT 'PENDING',
        reason segment_reject_reason,
        note text CHECK (length(note) <= 2000),
        reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        reviewed_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        reviewed_at timestamptz(3),
        flags text[] NOT NULL DEFAULT '{}',
        wav_artifact_id uuid NOT NULL REFERENCES artifacts (id),
        poses_artifact_id uuid REFERENCES artifacts (id),
        pose_features_artifact_id uuid REFERENCES artifacts (id),
        visual_rhythm_artifact_id uuid REFERENCES artifacts (id),
        onsets_artifact_id uuid REFERENCES artifacts (id),
        i3d_artifact_id uuid REFERENCES artifacts (id),
        thumbnail_artifact_id uuid REFERENCES artifacts (id),
        -- Strict onset F-measure (+-70 ms) of the audio onsets against the visual rhythm: the sync cue.
        sync_f_measure real CHECK (sync_f_measure BETWEEN 0 AND 1),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- The ingest job's idempotency key: a re-run finds the segments it already wrote.
        UNIQUE (video_id, start_seconds, length_seconds),
        CHECK ((status = 'REJECTED') = (reason IS NOT NULL)),
        CHECK (reason IS DISTINCT FROM 'OTHER' OR note IS NOT NULL),
        -- "No person" segments are kept without rhythm; every other one has its rhythm.
        CHECK (('no_person' = ANY (flags)) = (visual_rhythm_artifact_id IS NULL))
      );
      -- The review list walks a dataset's segments oldest first, in (created_at, id) order.
      CREATE INDEX segments_review_idx ON segments (tenant_id, dataset_id, created_at, id);

      CREATE TABLE dataset_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        split_seed bigint NOT NULL,
        split_by dataset_split_by NOT NULL,
        train_ratio double precision NOT NULL CHECK (train_ratio BETWEEN 0 AND 1),
        valid_ratio double precision NOT NULL CHECK (valid_ratio BETWEEN 0 AND 1),
        test_ratio double precision NOT NULL CHECK (test_ratio BETWEEN 0 AND 1),
        stats jsonb NOT NULL DEFAULT '{}'::jsonb,
        frozen_at timestamptz(3),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (dataset_id, number),
        CHECK (abs(train_ratio + valid_ratio + test_ratio - 1) < 1e-6)
      );
      CREATE INDEX dataset_versions_page_idx ON dataset_versions (tenant_id, dataset_id, created_at DESC, id DESC);

      CREATE TABLE dataset_version_segments (
        version_id uuid NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
        -- NO ACTION (checked at the end of the statement): a dataset's deletion removes its versions'
        -- membership by cascade before this is checked.
        segment_id uuid NOT NULL REFERENCES segments (id),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        split dataset_split NOT NULL,
        PRIMARY KEY (version_id, segment_id)
      );
      CREATE INDEX dataset_version_segments_segment_idx ON dataset_version_segments (segment_id);

      CREATE FUNCTION dataset_version_is_frozen(p_version uuid) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = public, pg_temp
        AS $$ SELECT EXISTS (SELECT 1 FROM dataset_versions WHERE id = p_version AND frozen_at IS NOT NULL) $$;

      CREATE FUNCTION dataset_version_segments_refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          -- A foreign-key cascade (version, dataset or tenant deleted) runs inside another trigger.
          IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
          IF (TG_OP IN ('UPDATE', 'DELETE') AND dataset_version_is_frozen(OLD.version_id))
             OR (TG_OP IN ('INSERT', 'UPDATE') AND dataset_version_is_frozen(NEW.version_id)) THEN
            RAISE EXCEPTION 'dataset version is frozen: its segments and splits cannot change (% refused)', TG_OP
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END
        $$;
      CREATE TRIGGER dataset_version_segments_frozen
        BEFORE INSERT OR UPDATE OR DELETE ON dataset_version_segments
        FOR EACH ROW EXECUTE FUNCTION dataset_version_segments_refuse_change();

      CREATE FUNCTION dataset_versions_refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF OLD.frozen_at IS NOT NULL THEN
            RAISE EXCEPTION 'dataset version % is frozen and cannot change', OLD.number
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN NEW;
        END
        $$;
      CREATE TRIGGER dataset_versions_frozen BEFORE UPDATE ON dataset_versions
        FOR EACH ROW EXECUTE FUNCTION dataset_versions_refuse_change();

      -- VOLATILE (plpgsql's default): the membership check sees a freeze committed while this UPDATE waited
      -- for the segment's row lock.
      CREATE FUNCTION segments_refuse_frozen_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF (NEW.status, NEW.reason, NEW.genre, NEW.video_id, NEW.start_seconds, NEW.length_seconds,
              NEW.category, NEW.wav_artifact_id, NEW.poses_artifact_id)
             IS DISTINCT FROM
             (OLD.status, OLD.reason, OLD.genre, OLD.video_id, OLD.start_seconds, OLD.length_seconds,
              OLD.category, OLD.wav_artifact_id, OLD.poses_artifact_id)
             AND EXISTS (SELECT 1 FROM dataset_version_segments m
                         WHERE m.segment_id = OLD.id AND dataset_version_is_frozen(m.version_id)) THEN
            RAISE EXCEPTION 'segment % is frozen into a dataset version and cannot change', OLD.id
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN NEW;
        END
        $$;
      CREATE TRIGGER segments_frozen BEFORE UPDATE ON segments
        FOR EACH ROW EXECUTE FUNCTION segments_refuse_frozen_change();
    `);

    for (const table of CURATION_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: the new artifact kinds stay (unused) after a rollback.
    await q.query(`
      DROP TABLE IF EXISTS dataset_version_segments, dataset_versions, segments, videos;
      DROP FUNCTION IF EXISTS dataset_version_segments_refuse_change(), dataset_versions_refuse_change(),
        segments_refuse_frozen_change(), dataset_version_is_frozen(uuid);
      DROP TYPE IF EXISTS dataset_split_by, dataset_split, segment_reject_reason, segment_review_status, video_status;
      ALTER TABLE datasets DROP COLUMN pose_fps, DROP COLUMN segment_lengths;
    `);
  }
}

const NEW_ARTIFACT_KINDS = [
  'SEGMENT_WAV',
  'SEGMENT_POSES',
  'POSE_FEATURES',
  'VISUAL_RHYTHM',
  'AUDIO_ONSETS',
  'I3D_FEATURES',
  'THUMBNAIL',
];

const CURATION_TABLES = ['videos', 'segments', 'dataset_versions', 'dataset_version_segments'];
