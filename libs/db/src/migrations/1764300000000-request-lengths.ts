import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests decided in full when they are made (issue 11, one generation path):
 * - artifacts.duration_seconds: how long an uploaded pose track or video lasts, learned when it is checked
 *   at upload, so a request's default length (its input's own, capped) is known before any worker runs and
 *   the quota is charged for it;
 * - soundtrack_jobs.seconds and guidance as double precision: the worker must render exactly the numbers
 *   the request resolved to (a float4 of 100/30 s derives other lengths than the float64 the CLI uses, and
 *   the two would no longer give the same bytes).
 */
export class RequestLengths1764300000000 implements MigrationInterface {
  name = 'RequestLengths1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE artifacts
        ADD COLUMN duration_seconds double precision
          CHECK (duration_seconds IS NULL OR (duration_seconds >= 0 AND duration_seconds < 'Infinity'));
      ALTER TABLE soundtrack_jobs
        ALTER COLUMN seconds TYPE double precision,
        ALTER COLUMN guidance TYPE double precision;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE soundtrack_jobs ALTER COLUMN seconds TYPE real, ALTER COLUMN guidance TYPE real;
      ALTER TABLE artifacts DROP COLUMN duration_seconds;
    `);
  }
}
