import { Inject, Injectable } from '@nestjs/common';
import { isUuid, MembershipRole, TenantUnitOfWork } from '@loris/db';
import { BlobStore } from '@loris/storage';
import {
  BadUserInputError,
  BLOB_STORE,
  ForbiddenError,
  TenantContext,
  UnauthenticatedError,
} from '@loris/engine';
import { PreparedExport, VersionExportService } from '../../curation/export/version-export.service';
import type { TrainerEvent } from '../runners/training-runner';
import { TrainingEventsService } from '../training-events.service';
import { runTokenMatches, runTokenTenant } from './run-token';
import { TrainingExportStore } from './training-export-store';

/** A run a token opened: what the report routes need of it. */
export interface ReportingRun {
  tenantId: string;
  runId: string;
  datasetVersionId: string;
}

/** The run has ended: it takes no more reports (409, so the pod's reporter stops for good). */
export class TrainingRunEndedError extends ForbiddenError {
  readonly status = 409;
}

/** Events one POST may carry (the reporter sends 50). */
export const MAX_EVENTS_PER_REPORT = 1000;
const EVENTS = new Set(['step', 'val', 'checkpoint', 'done', 'cancelled', 'error']);
const NUMBERS: Record<string, string[]> = {
  step: ['step', 'loss', 'lr', 'secondsPerStep'],
  val: ['step', 'loss'],
};

/**
 * What a KUBERNETES run's pods send and fetch with the run's token (`Authorization: Bearer <token>`), and
 * nothing else: the token opens its one run, only while it runs (RUNNING, or CANCELLING while it stops).
 * The token is checked against the stored sha256 in constant time; the tenant it names only says where to
 * look, under row-level security. Every refusal says which of these failed, never whether another run exists.
 */
@Injectable()
export class TrainingReportService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly events: TrainingEventsService,
    private readonly versions: VersionExportService,
    private readonly exports: TrainingExportStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async authorize(runId: string, authorization: string | undefined): Promise<ReportingRun> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    const tenantId = token ? runTokenTenant(token) : undefined;
    if (!token || !tenantId) {
      throw new UnauthenticatedError(
        'A training run token is required: Authorization: Bearer <LORIS_REPORT_TOKEN>',
      );
    }
    const refused = new ForbiddenError(`This token does not open training run ${runId}`);
    if (!isUuid(runId)) throw refused;
    const [row] = await this.uow.read(tenantId, (q) =>
      q<{ status: string; report_token_hash: string | null; dataset_version_id: string }>(
        `SELECT status, report_token_hash, dataset_version_id FROM training_runs WHERE id = $1`,
        [runId],
      ),
    );
    if (!row || !runTokenMatches(token, row.report_token_hash)) throw refused;
    if (row.status !== 'RUNNING' && row.status !== 'CANCELLING') {
      throw new TrainingRunEndedError(
        `Training run ${runId} has ended (${row.status}); it takes no more reports`,
      );
    }
    return { tenantId, runId, datasetVersionId: row.dataset_version_id };
  }

  /** A batch of the trainer's JSON lines (and log lines), recorded as the LOCAL backend's are. */
  async record(run: ReportingRun, body: unknown): Promise<void> {
    const { events, logLines } = parseReport(body);
    const status = await this.events.record(run.tenantId, run.runId, events, logLines);
    if (status !== 'RUNNING' && status !== 'CANCELLING') {
      throw new TrainingRunEndedError(
        `Training run ${run.runId} has ended (${status}); it takes no more reports`,
      );
    }
  }

  /** The run's dataset version as the trainer's manifest export, read as the run's tenant. */
  dataset(run: ReportingRun): Promise<PreparedExport> {
    return this.versions.prepare(runCaller(run), run.datasetVersionId, 'manifest');
  }

  /**
   * A stored checkpoint the run resumes from: only its own latest one (a retried run) or that of the run it
   * was started from; any other sha256 is refused, so a token cannot read another run's weights.
   */
  async checkpoint(
    run: ReportingRun,
    sha256: unknown,
  ): Promise<{ bytes: number; stream: NodeJS.ReadableStream }> {
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new BadUserInputError('Name the checkpoint: ?sha256=<64 hex digits>');
    }
    const [row] = await this.uow.read(run.tenantId, (q) =>
      q<{ own: string | null; origin: string | null }>(
        `SELECT r.checkpoint_sha256 AS own, f.checkpoint_sha256 AS origin
           FROM training_runs r LEFT JOIN training_runs f ON f.id = r.resume_from_run_id
          WHERE r.id = $1`,
        [run.runId],
      ),
    );
    if (!row || (sha256 !== row.own && sha256 !== row.origin)) {
      throw new ForbiddenError(`Checkpoint ${sha256} is not one training run ${run.runId} resumes from`);
    }
    const stat = await this.blobs.stat(sha256);
    if (!stat) throw new ForbiddenError(`Checkpoint ${sha256} is no longer stored`);
    return { bytes: stat.bytes, stream: await this.blobs.createReadStream(sha256) };
  }

  /** The exported model's tar, stored for the runner to fetch. */
  async storeExport(
    run: ReportingRun,
    body: NodeJS.ReadableStream,
  ): Promise<{ sha256: string; bytes: number }> {
    const stored = await this.exports.store(run.tenantId, run.runId, body);
    if (!stored)
      throw new TrainingRunEndedError(`Training run ${run.runId} has ended; its export was not kept`);
    return stored;
  }
}

/** The run acting for its tenant: reads only (the export), with no user or key behind it. */
function runCaller(run: ReportingRun): TenantContext {
  return { tenantId: run.tenantId, role: MembershipRole.ENGINEER, userId: null, apiKeyId: null };
}

/** `{ events: TrainerEvent[], logLines?: string[] }`, each event checked enough to be stored safely. */
export function parseReport(body: unknown): { events: TrainerEvent[]; logLines: string[] } {
  const bad = (why: string) => new BadUserInputError(`The report is not valid: ${why}`);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw bad('send a JSON object { "events": [...] }');
  const { events, logLines = [] } = body as { events?: unknown; logLines?: unknown };
  if (!Array.isArray(events)) throw bad('"events" must be an array');
  if (!Array.isArray(logLines) || logLines.some((l) => typeof l !== 'string'))
    throw bad('"logLines" must be strings');
  if (events.length + logLines.length > MAX_EVENTS_PER_REPORT) {
    throw bad(`at most ${MAX_EVENTS_PER_REPORT} events and lines per report`);
  }
  events.forEach((event: unknown, i) => {
    const e = event as Record<string, unknown>;
    if (!e || typeof e !== 'object' || typeof e.event !== 'string' || !EVENTS.has(e.event)) {
      throw bad(`events[${i}] is not a trainer event (${[...EVENTS].join(', ')})`);
    }
    for (const field of NUMBERS[e.event] ?? []) {
      if (typeof e[field] !== 'number' || !Number.isFinite(e[field]))
        throw bad(`events[${i}].${field} must be a finite number`);
    }
    if (e.step !== undefined && (!Number.isInteger(e.step) || (e.step as number) < 0)) {
      throw bad(`events[${i}].step must be a whole number of steps`);
    }
  });
  return { events: events as TrainerEvent[], logLines: logLines as string[] };
}
