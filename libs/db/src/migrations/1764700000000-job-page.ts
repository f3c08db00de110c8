import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job page (issue 13, point 2): what a job page shows that the rows did not hold.
 * - soundtrack_jobs.stage: what the worker is doing (estimating poses, generating, muxing, measuring the
 *   sync), written as it moves on, so a page opened mid-run says it in words;
 * - soundtrack_jobs.model_version: the card (`name@version`) of the model that served the job;
 * - soundtrack_jobs.sync: the result's onsets, the input's visual beats and the strict onset F-measure
 *   between them, measured once by the worker when the job succeeds (null when it could not be);
 * - artifacts.file_name: the uploaded file's own name, sanitised, for the job page and download names.
 * Row-level security is unchanged: the tenant policies of both tables cover whole rows, new columns too.
 */
export class JobPage1764700000000 implements MigrationInterface {
  name = 'JobPage1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE soundtrack_job_stage AS ENUM
        ('QUEUED', 'ESTIMATING_POSES', 'GENERATING', 'MUXING', 'ANALYSING', 'DONE');
      ALTER TABLE soundtrack_jobs
        ADD COLUMN stage soundtrack_job_stage NOT NULL DEFAULT 'QUEUED',
        ADD COLUMN model_version text,
        ADD COLUMN sync jsonb CHECK (sync IS NULL OR jsonb_typeof(sync) = 'object');
      -- Rows from before stages: a succeeded job is done; a running one is most likely generating.
      UPDATE soundtrack_jobs SET stage = 'DONE' WHERE status = 'SUCCEEDED';
      UPDATE soundtrack_jobs SET stage = 'GENERATING' WHERE status = 'RUNNING';
      ALTER TABLE artifacts
        ADD COLUMN file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE artifacts DROP COLUMN file_name;
      ALTER TABLE soundtrack_jobs DROP COLUMN sync, DROP COLUMN model_version, DROP COLUMN stage;
      DROP TYPE soundtrack_job_stage;
    `);
  }
}
