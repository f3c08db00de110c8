import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantUnitOfWork, TrainingRunStatus } from '@loris/db';
import type { TrainerEvent, TrainingBackendRef } from './runners/training-runner';

/** Log chunks kept per run: older ones are dropped as new ones come (the page shows the tail). */
export const MAX_LOG_CHUNKS = 500;
/** Lines one chunk holds at most; a longer batch is cut into several chunks. */
const CHUNK_LINES = 200;
/** A stored log line is cut to this many characters. */
const MAX_LINE = 2000;

interface MetricRow {
  kind: 'train' | 'val';
  step: number;
  loss: number;
  lr: number | null;
  sps: number | null;
}

/** The run's status after a write, so the writer learns of a cancel without a message. */
export type RecordedStatus = TrainingRunStatus | null;

/**
 * Writes what a trainer reported for a run, from any backend: the worker's sink for LOCAL runs, the
 * report route for KUBERNETES pods. One transaction per batch: metric points upserted per (run, step,
 * kind), so a resumed run's repeated steps replace the first ones; the run's latest step and speed; the
 * log lines as one more chunk, with the oldest chunks beyond MAX_LOG_CHUNKS removed. Writes land only on a
 * RUNNING or CANCELLING run: a finished run's late lines change nothing.
 */
@Injectable()
export class TrainingEventsService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async record(
    tenantId: string,
    runId: string,
    events: readonly TrainerEvent[],
    logLines: readonly string[] = [],
  ): Promise<RecordedStatus> {
    const points = events.flatMap((e): MetricRow[] =>
      e.event === 'step'
        ? [{ kind: 'train', step: e.step, loss: e.loss, lr: e.lr, sps: e.secondsPerStep }]
        : e.event === 'val'
          ? [{ kind: 'val', step: e.step, loss: e.loss, lr: null, sps: null }]
          : [],
    );
    const steps = events.filter((e): e is Extract<TrainerEvent, { event: 'step' }> => e.event === 'step');
    return this.uow.run(tenantId, async (m) => {
      const [run] = await m.query(`SELECT status FROM training_runs WHERE id = $1 FOR UPDATE`, [runId]);
      if (!run) return null;
      const status = run.status as TrainingRunStatus;
      if (status !== TrainingRunStatus.RUNNING && status !== TrainingRunStatus.CANCELLING) return status;
      if (points.length) {
        await m.query(
          `INSERT INTO training_metric_points (tenant_id, run_id, kind, step, loss, lr, seconds_per_step)
           SELECT $1, $2, p.kind::training_metric_kind, p.step, p.loss, p.lr, p.sps
           FROM unnest($3::text[], $4::int[], $5::float8[], $6::float8[], $7::float8[]) AS p(kind, step, loss, lr, sps)
           ON CONFLICT (run_id, step, kind) DO UPDATE
             SET loss = EXCLUDED.loss, lr = EXCLUDED.lr, seconds_per_step = EXCLUDED.seconds_per_step,
                 recorded_at = now()`,
          [
            tenantId,
            runId,
            points.map((p) => p.kind),
            points.map((p) => p.step),
            points.map((p) => p.loss),
            points.map((p) => p.lr),
            points.map((p) => p.sps),
          ],
        );
      }
      if (steps.length) {
        const last = steps[steps.length - 1];
        await m.query(`UPDATE training_runs SET last_step = $2, seconds_per_step = $3 WHERE id = $1`, [
          runId,
          last.step,
          last.secondsPerStep > 0 ? last.secondsPerStep : null,
        ]);
      }
      if (logLines.length) await this.appendLog(m, tenantId, runId, logLines);
      return status;
    });
  }

  /** The run's latest stored checkpoint (a blob's sha256), unless a later one is already recorded. */
  async recordCheckpoint(
    tenantId: string,
    runId: string,
    sha256: string,
    step: number,
  ): Promise<RecordedStatus> {
    return this.uow.run(tenantId, async (m) => {
      const [row] = await m.query(
        `UPDATE training_runs SET checkpoint_sha256 = $2, checkpoint_step = $3
         WHERE id = $1 AND status IN ('RUNNING', 'CANCELLING') AND (checkpoint_step IS NULL OR checkpoint_step <= $3)
         RETURNING status`,
        [runId, sha256, step],
      );
      if (row) return row.status as TrainingRunStatus;
      const [current] = await m.query(`SELECT status FROM training_runs WHERE id = $1`, [runId]);
      return (current?.status as TrainingRunStatus | undefined) ?? null;
    });
  }

  /**
   * A KUBERNETES run's Job and report token. Merged into backend_ref, not written over it: the pod's export
   * route may already have added its `export` key when a retried job calls this again.
   */
  async setBackendRef(
    tenantId: string,
    runId: string,
    ref: TrainingBackendRef,
    reportTokenHash: string,
  ): Promise<void> {
    await this.uow.run(tenantId, (m) =>
      m.query(
        `UPDATE training_runs
         SET backend_ref = coalesce(backend_ref, '{}'::jsonb) || $2::jsonb, report_token_hash = $3
         WHERE id = $1`,
        [runId, JSON.stringify(ref), reportTokenHash],
      ),
    );
  }

  private async appendLog(
    m: EntityManager,
    tenantId: string,
    runId: string,
    lines: readonly string[],
  ): Promise<void> {
    const [{ next }] = await m.query(
      `SELECT coalesce(max(chunk) + 1, 0)::int AS next FROM training_run_logs WHERE run_id = $1`,
      [runId],
    );
    let chunk = next as number;
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      const part = lines.slice(i, i + CHUNK_LINES).map(clean);
      await m.query(
        `INSERT INTO training_run_logs (tenant_id, run_id, chunk, lines) VALUES ($1, $2, $3, $4)`,
        [tenantId, runId, chunk++, part],
      );
    }
    await m.query(`DELETE FROM training_run_logs WHERE run_id = $1 AND chunk < $2`, [
      runId,
      chunk - MAX_LOG_CHUNKS,
    ]);
  }
}

/** Postgres text takes no NUL; a runaway line is cut. */
function clean(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u0000/g, '').slice(0, MAX_LINE);
}
