import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  isUuid,
  MembershipRole,
  TenantQuotaEntity,
  TrainingBackend,
  TrainingMetricPointEntity,
  TrainingRunEntity,
  TrainingRunLogEntity,
  TrainingRunStatus,
  TenantUnitOfWork,
} from '@loris/db';
import {
  APP_CONFIG,
  AppConfig,
  cursorAfter,
  JobEvents,
  Page,
  pageOf,
  QueueName,
  QueueService,
  TenantContext,
  TRAIN_MODEL,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { NothingToExportError } from '../curation/export/version-export.exception';
import { VersionExportService } from '../curation/export/version-export.service';
import { checkModelName } from '../models/model-names';
import { kubernetesClusterConfigured } from './kubernetes/cluster-configured';
import { quotaPeriod } from '../soundtracks/quota-period';
import {
  genresOutsideVocabulary,
  OverrideProblem,
  validateOverrides,
  type TrainingOverrides,
} from './overrides/validate-overrides';
import {
  EmptyTrainSplitError,
  GenresOutsideVocabularyError,
  InvalidOverrideError,
  InvalidTrainingRunError,
  KubernetesNotConfiguredError,
  NothingToResumeError,
  TrainingForbiddenError,
  TrainingMinutesQuotaError,
  TrainingQueueUnavailableError,
  TrainingRunFinishedError,
  TrainingRunNotFoundError,
} from './training.exception';
import {
  isFinishedRun,
  presetOf,
  StartTrainingRunRequest,
  toMetricPointView,
  toTrainingRunView,
  TrainingMetricPointView,
  TrainingRunView,
} from './training-run.view';

/** The channel a cancel reaches the run's worker on (JobEvents). */
export const TRAINING_RUN_TOPIC = 'training-run';
/** Roles that start and cancel runs: training spends the tenant's compute. */
const TRAINERS: readonly MembershipRole[] = [MembershipRole.OWNER, MembershipRole.ENGINEER];
export const MAX_TRAINING_STEPS = 1_000_000;
const DEFAULT_MODEL_NAME = 'trained';
/** Points one query returns at most (a paper-length run logs 10 000; the console asks after its last). */
const MAX_POINTS = 5000;
/** Log lines the run page shows. */
export const LOG_TAIL_LINES = 200;

/**
 * Training runs (issue 15): started after every check that can refuse them (role, overrides, steps,
 * backend, the frozen dataset version and its train split, the run to resume, the monthly minutes), then
 * queued on the train queue; cancelled through the row (CANCELLING) and the run's worker (SIGTERM).
 */
@Injectable()
export class TrainingRunsService {
  private readonly logger = new Logger(TrainingRunsService.name);

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly exports: VersionExportService,
    private readonly queues: QueueService,
    private readonly events: JobEvents,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(caller: TenantContext, request: StartTrainingRunRequest): Promise<TrainingRunView> {
    if (!TRAINERS.includes(caller.role)) throw new TrainingForbiddenError();
    let overrides;
    try {
      overrides = validateOverrides(request.overrides ?? {});
    } catch (error) {
      if (error instanceof OverrideProblem) throw new InvalidOverrideError(error.message);
      throw error;
    }
    if (!Number.isSafeInteger(request.steps) || request.steps < 1 || request.steps > MAX_TRAINING_STEPS) {
      throw new InvalidTrainingRunError(`steps must be a whole number from 1 to ${MAX_TRAINING_STEPS}`);
    }
    const modelName = request.modelName ?? DEFAULT_MODEL_NAME;
    checkModelName(modelName);
    if (request.backend === TrainingBackend.KUBERNETES) {
      // What "configured" means is the Kubernetes backend's to say (credentials, report URL, templates).
      const cluster = kubernetesClusterConfigured(this.config);
      if (!cluster.ok) throw new KubernetesNotConfiguredError(cluster.reason);
    }
    await this.checkDataset(caller, request.datasetVersionId);
    await this.checkGenres(caller, request.datasetVersionId, presetOf(request.config), overrides);
    const run = await this.uow.run(caller.tenantId, async (m) => {
      const resumeFrom = await this.resumable(m, request.resumeFromRunId ?? null);
      await this.checkMinutes(m, caller.tenantId);
      return m.save(
        m.create(TrainingRunEntity, {
          tenantId: caller.tenantId,
          datasetVersionId: request.datasetVersionId,
          preset: presetOf(request.config),
          overrides,
          steps: request.steps,
          backend: request.backend as TrainingBackend,
          modelName,
          status: TrainingRunStatus.QUEUED,
          resumeFromRunId: resumeFrom,
          lastStep: 0,
          attempt: 0,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
    });
    this.audit.record(
      caller,
      'training_run.started',
      { type: 'training_run', id: run.id },
      { datasetVersionId: run.datasetVersionId, preset: run.preset, steps: run.steps, backend: run.backend },
    );
    try {
      await this.queues.enqueue(TRAIN_MODEL, { tenantId: caller.tenantId, runId: run.id });
    } catch (error) {
      this.logger.error(`could not enqueue training run ${run.id}: ${(error as Error).message}`);
      await this.uow.run(caller.tenantId, (m) =>
        m.update(
          TrainingRunEntity,
          { id: run.id, status: TrainingRunStatus.QUEUED },
          {
            status: TrainingRunStatus.FAILED,
            errorMessage: 'The run could not be queued',
            endedAt: new Date(),
          },
        ),
      );
      throw new TrainingQueueUnavailableError();
    }
    return toTrainingRunView(run);
  }

  /**
   * A queued run ends CANCELLED at once; a running one becomes CANCELLING and its worker stops the trainer
   * (which checkpoints), then marks it CANCELLED.
   */
  async cancel(caller: TenantContext, id: string): Promise<TrainingRunView> {
    if (!TRAINERS.includes(caller.role)) throw new TrainingForbiddenError();
    if (!isUuid(id)) throw new TrainingRunNotFoundError(id);
    const run = await this.uow.run(caller.tenantId, async (m) => {
      const row = await m.findOne(TrainingRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new TrainingRunNotFoundError(id);
      if (isFinishedRun(row.status)) throw new TrainingRunFinishedError(id, row.status);
      if (row.status === TrainingRunStatus.QUEUED) {
        row.status = TrainingRunStatus.CANCELLED;
        row.endedAt = new Date();
      } else {
        row.status = TrainingRunStatus.CANCELLING;
      }
      return m.save(row);
    });
    this.audit.record(caller, 'training_run.cancelled', { type: 'training_run', id });
    if (run.status === TrainingRunStatus.CANCELLED) {
      await this.queues.removeWaiting(QueueName.TRAIN, id);
    } else {
      await this.events.requestCancel(TRAINING_RUN_TOPIC, id);
    }
    return toTrainingRunView(run);
  }

  async get(caller: TenantContext, id: string): Promise<TrainingRunView> {
    if (!isUuid(id)) throw new TrainingRunNotFoundError(id);
    const row = await this.uow.run(caller.tenantId, (m) => m.findOneBy(TrainingRunEntity, { id }));
    if (!row) throw new TrainingRunNotFoundError(id);
    return toTrainingRunView(row);
  }

  /** The tenant's runs, newest first. */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<TrainingRunView>> {
    const cursor = cursorAfter(after);
    const rows = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(TrainingRunEntity, 'run')
        .orderBy('run.created_at', 'DESC')
        .addOrderBy('run.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.where('(run.created_at, run.id) < (:createdAt, :id)', cursor);
      return query.getMany();
    });
    const now = new Date();
    return pageOf(
      rows,
      first,
      (row) => row,
      (row) => toTrainingRunView(row, now),
    );
  }

  /** A run's metric points after `afterStep` (both kinds), in step order: what a polling page adds. */
  async points(caller: TenantContext, runId: string, afterStep = -1): Promise<TrainingMetricPointView[]> {
    const rows = await this.uow.run(caller.tenantId, (m) =>
      m
        .createQueryBuilder(TrainingMetricPointEntity, 'p')
        .where('p.run_id = :runId AND p.step > :afterStep', { runId, afterStep })
        .orderBy('p.step', 'ASC')
        .addOrderBy('p.kind', 'ASC')
        .limit(MAX_POINTS)
        .getMany(),
    );
    return rows.map(toMetricPointView);
  }

  /** The last `lines` lines of a run's log, oldest first. */
  async logTail(caller: TenantContext, runId: string, lines = LOG_TAIL_LINES): Promise<string[]> {
    const chunks = await this.uow.run(caller.tenantId, (m) =>
      m.find(TrainingRunLogEntity, { where: { runId }, order: { chunk: 'DESC' }, take: lines }),
    );
    const tail: string[] = [];
    for (const chunk of chunks) {
      tail.unshift(...chunk.lines);
      if (tail.length >= lines) break;
    }
    return tail.slice(-lines);
  }

  /** Refuses a version that is missing, not frozen, or has nothing to train on, before any row exists. */
  private async checkDataset(caller: TenantContext, versionId: string): Promise<void> {
    try {
      const prepared = await this.exports.prepare(caller, versionId, 'manifest');
      if (prepared.plan.summary.splits.train === 0) throw new EmptyTrainSplitError(versionId);
    } catch (error) {
      if (error instanceof NothingToExportError) throw new EmptyTrainSplitError(versionId);
      throw error;
    }
  }

  private async checkGenres(
    caller: TenantContext,
    versionId: string,
    preset: string,
    overrides: TrainingOverrides,
  ): Promise<void> {
    const rows: { genre: string }[] = await this.uow.run(caller.tenantId, (m) =>
      m.query(
        `SELECT DISTINCT s.genre FROM dataset_version_segments vs JOIN segments s ON s.id = vs.segment_id
         WHERE vs.version_id = $1 AND s.genre IS NOT NULL ORDER BY s.genre`,
        [versionId],
      ),
    );
    const { missing, vocabulary } = genresOutsideVocabulary(
      preset,
      overrides,
      rows.map((row) => row.genre),
    );
    if (missing.length) throw new GenresOutsideVocabularyError(missing, vocabulary);
  }

  private async resumable(m: EntityManager, runId: string | null): Promise<string | null> {
    if (runId === null) return null;
    if (!isUuid(runId)) throw new TrainingRunNotFoundError(runId);
    const from = await m.findOneBy(TrainingRunEntity, { id: runId });
    if (!from) throw new TrainingRunNotFoundError(runId);
    if (!from.checkpointSha256) throw new NothingToResumeError(runId);
    return from.id;
  }

  /** This month's training minutes (runs started this month, running ones up to now) against the limit. */
  private async checkMinutes(m: EntityManager, tenantId: string, now = new Date()): Promise<void> {
    const period = quotaPeriod(now);
    const own = await m.findOneBy(TenantQuotaEntity, { tenantId });
    const limit = own?.maxTrainingMinutesPerMonth ?? this.config.quotas.maxTrainingMinutesPerMonth;
    const [{ minutes }] = await m.query(
      `SELECT coalesce(sum(extract(epoch FROM coalesce(ended_at, now()) - started_at)), 0)::float8 / 60 AS minutes
       FROM training_runs WHERE tenant_id = $1 AND started_at >= $2`,
      [tenantId, period.start],
    );
    if (minutes >= limit) throw new TrainingMinutesQuotaError(limit, period.end);
  }
}
