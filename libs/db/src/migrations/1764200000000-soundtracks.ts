import { MigrationInterface, QueryRunner } from 'typeorm';

// Soundtracks as a service (issue 6): blob references, generation jobs and per-tenant quota overrides.
// Every table is tenant-owned and gets the same row-level security policy as the initial schema.
export class Soundtracks1764200000000 implements MigrationInterface {
  name = 'Soundtracks1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE artifact_kind AS ENUM ('POSES', 'WAV', 'VIDEO', 'MP4');
      CREATE TYPE soundtrack_job_status AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

      -- One row per blob a tenant references; the blob itself lives in the blob store under its sha256,
      -- so two tenants uploading the same bytes share one blob but never a row.
      CREATE TABLE artifacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind artifact_kind NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes bigint NOT NULL CHECK (bytes >= 0),
        media_type text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX artifacts_tenant_sha256_idx ON artifacts (tenant_id, sha256);

      CREATE TABLE soundtrack_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        status soundtrack_job_status NOT NULL DEFAULT 'QUEUED',
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        input_artifact_id uuid NOT NULL REFERENCES artifacts (id),
        genre text NOT NULL,
        seconds real NOT NULL CHECK (seconds > 0),
        seed bigint NOT NULL,
        steps integer NOT NULL CHECK (steps > 0),
        sampler text NOT NULL,
        guidance real NOT NULL,
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        error_code text,
        error_message text,
        audio_artifact_id uuid REFERENCES artifacts (id),
        video_artifact_id uuid REFERENCES artifacts (id),
        attempts integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, idempotency_key),
        -- A finished job has exactly the outcome its status says: the result write is all or nothing.
        CHECK ((status = 'SUCCEEDED') = (audio_artifact_id IS NOT NULL)),
        CHECK ((status = 'FAILED') = (error_code IS NOT NULL))
      );
      CREATE INDEX soundtrack_jobs_page_idx ON soundtrack_jobs (tenant_id, created_at DESC, id DESC);
      -- Quota checks count a tenant's active jobs and this month's seconds.
      CREATE INDEX soundtrack_jobs_active_idx ON soundtrack_jobs (tenant_id) WHERE status IN ('QUEUED', 'RUNNING');

      -- Per-tenant overrides of the configured defaults; NULL (or no row) means the default.
      CREATE TABLE tenant_quotas (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        max_concurrent_jobs integer CHECK (max_concurrent_jobs >= 0),
        max_seconds_per_month integer CHECK (max_seconds_per_month >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
    `);

    for (const table of SOUNDTRACK_TABLES) {
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
      DROP TABLE IF EXISTS tenant_quotas, soundtrack_jobs, artifacts;
      DROP TYPE IF EXISTS soundtrack_job_status, artifact_kind;
    `);
  }
}

const SOUNDTRACK_TABLES = ['artifacts', 'soundtrack_jobs', 'tenant_quotas'];
