import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job reaper (issue 12): the worker periodically looks for soundtrack jobs left QUEUED or RUNNING with
 * no live Bull job behind them, across every tenant. Row-level security hides other tenants' rows from the
 * app role, so the one cross-tenant read is a SECURITY DEFINER function (running as the tables' owner, with
 * a pinned search_path) that returns only ids: the reaper then checks each job in Redis and ends it through
 * the tenant unit of work, under the tenant's own policies. Executable only by the roles the bootstrap
 * grants it to (REAPER_FUNCTIONS).
 */
export class JobReaper1764450000000 implements MigrationInterface {
  name = 'JobReaper1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Unfinished jobs whose row has not changed for p_idle (a running job writes its progress every
      -- second), oldest first, at most p_limit of them.
      CREATE FUNCTION reaper_idle_soundtrack_jobs(p_idle interval, p_limit integer)
        RETURNS TABLE (job_id uuid, tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          SELECT j.id, j.tenant_id FROM soundtrack_jobs j
          WHERE j.status IN ('QUEUED', 'RUNNING') AND j.updated_at < now() - p_idle
          ORDER BY j.updated_at
          LIMIT greatest(p_limit, 0)
        $$;
      -- Unfinished rows are few among many finished ones: the sweep should not scan them all.
      CREATE INDEX soundtrack_jobs_unfinished_idx ON soundtrack_jobs (updated_at)
        WHERE status IN ('QUEUED', 'RUNNING');
    `);
    for (const fn of REAPER_FUNCTIONS) await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS soundtrack_jobs_unfinished_idx;
      DROP FUNCTION IF EXISTS ${REAPER_FUNCTIONS.join(', ')};
    `);
  }
}

/** Signatures of the reaper's cross-tenant functions, for REVOKE/GRANT EXECUTE. */
export const REAPER_FUNCTIONS = ['reaper_idle_soundtrack_jobs(interval, integer)'];
