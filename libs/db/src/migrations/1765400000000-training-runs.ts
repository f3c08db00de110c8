import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training runs (issue 15): a run of the trainer on a frozen dataset version, on this worker (LOCAL) or a
 * GPU cluster (KUBERNETES); its metric points and its log; the model version it registered.
 *
 * A resumed run repeats the steps after its checkpoint: the metric points are unique per (run, step, kind),
 * so the repeat overwrites instead of adding. The log is kept as numbered chunks of lines, bounded per run
 * by the writer (training-events.service.ts), so a chatty trainer cannot fill the database.
 */
export class TrainingRuns1765400000000 implements MigrationInterface {
  name = 'TrainingRuns1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE training_run_status AS ENUM ('QUEUED', 'RUNNING', 'CANCELLING', 'CANCELLED', 'SUCCEEDED', 'FAILED');
      CREATE TYPE training_backend AS ENUM ('LOCAL', 'KUBERNETES');
      CREATE TYPE training_metric_kind AS ENUM ('train', 'val');

      CREATE TABLE training_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        dataset_version_id uuid NOT NULL REFERENCES dataset_versions (id),
        preset text NOT NULL CHECK (preset IN ('tiny', 'paper')),
        -- Dotted trainer config keys, validated against the trainer's schema before the row was written.
        overrides jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(overrides) = 'object'),
        steps integer NOT NULL CHECK (steps > 0),
        backend training_backend NOT NULL,
        model_name text NOT NULL CHECK (model_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        status training_run_status NOT NULL DEFAULT 'QUEUED',
        resume_from_run_id uuid REFERENCES training_runs (id),
        -- The last checkpoint stored in the blob store (sha256) and the step it holds.
        checkpoint_sha256 text CHECK (checkpoint_sha256 ~ '^[0-9a-f]{64}$'),
        checkpoint_step integer CHECK (checkpoint_step >= 0),
        -- The latest step reported, for progress and ETA.
        last_step integer NOT NULL DEFAULT 0 CHECK (last_step >= 0),
        seconds_per_step double precision CHECK (seconds_per_step > 0),
        model_version_id uuid REFERENCES model_versions (id),
        error_message text CHECK (length(error_message) <= 8000),
        -- Kubernetes: namespace and job name; LOCAL: the worker's host and pid, for the log.
        backend_ref jsonb CHECK (backend_ref IS NULL OR jsonb_typeof(backend_ref) = 'object'),
        -- sha256 of the token a KUBERNETES run reports its metrics with (scoped to this run).
        report_token_hash text CHECK (report_token_hash ~ '^[0-9a-f]{64}$'),
        attempt integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz(3),
        ended_at timestamptz(3),
        CHECK ((status = 'SUCCEEDED') = (model_version_id IS NOT NULL)),
        CHECK ((checkpoint_sha256 IS NULL) = (checkpoint_step IS NULL)),
        CHECK (status NOT IN ('CANCELLED', 'SUCCEEDED', 'FAILED') OR ended_at IS NOT NULL)
      );
      CREATE INDEX training_runs_page_idx ON training_runs (tenant_id, created_at DESC, id DESC);
      -- The quota sums this month's training time per tenant.
      CREATE INDEX training_runs_started_idx ON training_runs (tenant_id, started_at);

      CREATE TABLE training_metric_points (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        kind training_metric_kind NOT NULL,
        step integer NOT NULL CHECK (step >= 0),
        -- train: the step's loss; val: the validation loss at that step.
        loss double precision NOT NULL,
        lr double precision,
        seconds_per_step double precision,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, step, kind)
      );

      CREATE TABLE training_run_logs (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        chunk integer NOT NULL CHECK (chunk >= 0),
        lines text[] NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, chunk)
      );

      -- A trained version names the run that made it (the run names it back once it SUCCEEDED).
      ALTER TABLE model_versions
        ADD CONSTRAINT model_versions_training_run_id_fkey FOREIGN KEY (training_run_id) REFERENCES training_runs (id);
      CREATE TRIGGER training_runs_own_model_version BEFORE INSERT OR UPDATE OF model_version_id ON training_runs
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');
    `);
    for (const table of TRAINING_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE model_versions DROP CONSTRAINT IF EXISTS model_versions_training_run_id_fkey;
      DROP TABLE IF EXISTS training_run_logs, training_metric_points, training_runs;
      DROP TYPE IF EXISTS training_metric_kind, training_backend, training_run_status;
    `);
  }
}

const TRAINING_TABLES = ['training_runs', 'training_metric_points', 'training_run_logs'];
