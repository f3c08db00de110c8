import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluations (issue 15): a run generates one soundtrack per (segment of a frozen version's split, model
 * version, seed) through the API's generation path and scores it against the segment's ground truth.
 *
 * - evaluation_runs: what was asked (version, split, sampler settings, seeds), its state and progress.
 * - evaluation_run_models: the versions compared, in the order asked (ordinal).
 * - evaluation_samples: one row per generated sample with its per-pair scores. UNIQUE (run, version, segment,
 *   seed) is the idempotency key: a run restarted after a worker crash skips what is already there and can
 *   never write a sample twice. Rows are append-only for the app role (a score is never rewritten).
 * - evaluation_summaries: written once at the end, per version: the set statistics of the paper's tables
 *   (BCS, CSD, BHS, HSD, F1 over the samples, and the mean strict onset F-measures).
 *
 * CSD and HSD are the sample standard deviations of the pairs' cover and hit, so they exist for a set, not
 * for one pair: a sample row holds cover (bcs), hit (bhs) and the pair's F1, the summary holds all five.
 * Every table is tenant-scoped by row-level security; a version reference must be the tenant's own or the
 * built-in (model_version_refuse_foreign, from the model registry's migration).
 */
export class Evaluations1765500000000 implements MigrationInterface {
  name = 'Evaluations1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE evaluation_status AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

      CREATE TABLE evaluation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        -- NO ACTION: a version that was evaluated keeps its data while its evaluations exist.
        dataset_version_id uuid NOT NULL REFERENCES dataset_versions (id),
        split dataset_split NOT NULL,
        sampler text NOT NULL CHECK (length(sampler) BETWEEN 1 AND 40),
        steps integer NOT NULL CHECK (steps BETWEEN 1 AND 1000),
        guidance double precision NOT NULL CHECK (guidance >= 0),
        seeds integer[] NOT NULL CHECK (cardinality(seeds) BETWEEN 1 AND 16 AND array_position(seeds, NULL) IS NULL),
        status evaluation_status NOT NULL DEFAULT 'QUEUED',
        scorer_version text NOT NULL CHECK (length(scorer_version) BETWEEN 1 AND 40),
        total_samples integer NOT NULL CHECK (total_samples > 0),
        done_samples integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        error_code text,
        error_message text CHECK (length(error_message) <= 2000),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (done_samples BETWEEN 0 AND total_samples),
        CHECK ((status = 'FAILED') = (error_code IS NOT NULL))
      );
      CREATE INDEX evaluation_runs_page_idx ON evaluation_runs (tenant_id, created_at DESC, id DESC);
      CREATE INDEX evaluation_runs_dataset_version_idx ON evaluation_runs (dataset_version_id);

      CREATE TABLE evaluation_run_models (
        run_id uuid NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
        model_version_id uuid NOT NULL REFERENCES model_versions (id),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        PRIMARY KEY (run_id, model_version_id),
        UNIQUE (run_id, ordinal)
      );

      CREATE TABLE evaluation_samples (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL,
        model_version_id uuid NOT NULL,
        segment_id uuid NOT NULL REFERENCES segments (id),
        seed integer NOT NULL CHECK (seed >= 0),
        audio_artifact_id uuid NOT NULL REFERENCES artifacts (id),
        -- Per pair, as fractions: cover (BCS), hit (BHS), their F1; strict +-70 ms onset F-measures.
        bcs real NOT NULL CHECK (bcs BETWEEN 0 AND 1),
        bhs real NOT NULL CHECK (bhs BETWEEN 0 AND 1),
        f1 real NOT NULL CHECK (f1 BETWEEN 0 AND 1),
        onset_f real NOT NULL CHECK (onset_f BETWEEN 0 AND 1),
        -- NULL for a segment without a visual rhythm (no person in it).
        rhythm_f real CHECK (rhythm_f BETWEEN 0 AND 1),
        generated_onsets integer NOT NULL CHECK (generated_onsets >= 0),
        -- The generated audio's onset times (s), for the console's markers on its waveform.
        onset_times real[] NOT NULL DEFAULT '{}',
        scorer_version text NOT NULL,
        generate_seconds double precision NOT NULL CHECK (generate_seconds >= 0),
        score_seconds double precision NOT NULL CHECK (score_seconds >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (run_id, model_version_id) REFERENCES evaluation_run_models (run_id, model_version_id)
          ON DELETE CASCADE,
        UNIQUE (run_id, model_version_id, segment_id, seed)
      );

      CREATE TABLE evaluation_summaries (
        run_id uuid NOT NULL,
        model_version_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        samples integer NOT NULL CHECK (samples > 0),
        bcs double precision NOT NULL,
        -- NULL for a single sample, where a standard deviation is undefined.
        csd double precision,
        bhs double precision NOT NULL,
        hsd double precision,
        f1 double precision NOT NULL,
        onset_f double precision NOT NULL,
        rhythm_f double precision,
        rhythm_samples integer NOT NULL CHECK (rhythm_samples >= 0),
        generate_seconds double precision NOT NULL,
        score_seconds double precision NOT NULL,
        scorer_version text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, model_version_id),
        FOREIGN KEY (run_id, model_version_id) REFERENCES evaluation_run_models (run_id, model_version_id)
          ON DELETE CASCADE
      );

      CREATE TRIGGER evaluation_run_models_own_version BEFORE INSERT OR UPDATE ON evaluation_run_models
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');
      CREATE TRIGGER evaluation_samples_own_version BEFORE INSERT OR UPDATE ON evaluation_samples
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');
      CREATE TRIGGER evaluation_summaries_own_version BEFORE INSERT OR UPDATE ON evaluation_summaries
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');
    `);
    for (const table of EVALUATION_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }
    for (const table of EVALUATION_APPEND_ONLY_TABLES)
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS evaluation_summaries, evaluation_samples, evaluation_run_models, evaluation_runs;
      DROP TYPE IF EXISTS evaluation_status;
    `);
  }
}

const EVALUATION_TABLES = [
  'evaluation_runs',
  'evaluation_run_models',
  'evaluation_samples',
  'evaluation_summaries',
];

/** A scored sample and a run's summary are written once and never rewritten by the app role (app-role.ts). */
export const EVALUATION_APPEND_ONLY_TABLES = ['evaluation_samples', 'evaluation_summaries'];
