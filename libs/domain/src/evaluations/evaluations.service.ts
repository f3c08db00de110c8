import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  DatasetEntity,
  DatasetVersionEntity,
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationStatus,
  isUuid,
  MembershipRole,
  TenantUnitOfWork,
} from '@loris/db';
import {
  APP_CONFIG,
  AppConfig,
  cursorAfter,
  EVALUATE_MODEL,
  JobEvents,
  Page,
  pageOf,
  QueueName,
  QueueService,
  ServiceUnavailableError,
  TenantContext,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { ServingVersions } from '../models/serving-versions.service';
import { quotaPeriod } from '../soundtracks/quota-period';
import {
  checkGenres,
  checkRequestShape,
  checkSegments,
  checkSettings,
  frozenVersion,
  splitSegments,
} from './evaluation-start';
import { EvaluationReader } from './evaluation-reader';
import { SCORER_VERSION } from './sample-scores';
import {
  EvaluationFinishedError,
  EvaluationForbiddenError,
  EvaluationNotFoundError,
  EvaluationSamplesQuotaError,
} from './evaluations.exception';
import {
  EVALUATION_TOPIC,
  EvaluationRequest,
  EvaluationView,
  isEvaluationFinished,
} from './evaluations.views';

/** Who starts and cancels evaluations: they spend the workspace's compute and samples quota. */
const RUNNERS: readonly MembershipRole[] = [MembershipRole.OWNER, MembershipRole.ENGINEER];

// First key of the two-key advisory lock: the class "evaluation quota"; the second is the tenant's hash.
const EVALUATION_QUOTA_LOCK_CLASS = 6_000_015;

const QUEUE_RETRY_SECONDS = 5;

/**
 * Evaluations (issue 15): start one after every check (so a refusal leaves nothing queued and no row),
 * cancel one, and read them. The worker's EvaluateModelHandler does the work.
 */
@Injectable()
export class EvaluationsService {
  private readonly logger = new Logger(EvaluationsService.name);

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly versions: ServingVersions,
    private readonly reader: EvaluationReader,
    private readonly queues: QueueService,
    private readonly events: JobEvents,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks, in one transaction under the tenant's evaluation-quota lock: the versions (known to the tenant),
   * the dataset version (known, frozen), the split (not empty; every segment with a genre, a pose track and
   * its ground-truth audio), each version's genres against the split's, the sampler settings (libs/inference's
   * checks, every version and every segment shape), and the month's samples quota; then writes the run and
   * queues it.
   */
  async start(caller: TenantContext, request: EvaluationRequest): Promise<EvaluationView> {
    if (!RUNNERS.includes(caller.role)) throw new EvaluationForbiddenError('start an evaluation');
    const shape = checkRequestShape(request);
    const run = await this.uow.run(caller.tenantId, async (m) => {
      const versions = [];
      for (const id of shape.modelVersionIds) versions.push(await this.versions.load(m, id));
      const dataset = await frozenVersion(m, shape.datasetVersionId);
      const segments = await splitSegments(m, dataset.id, shape.split);
      await checkSegments(m, dataset, shape.split, segments);
      for (const version of versions) checkGenres(version, segments);
      const settings = checkSettings(versions, segments, request);
      const total = segments.length * versions.length * shape.seeds.length;
      await this.reserveSamples(m, caller.tenantId, total);
      const saved = await m.save(
        m.create(EvaluationRunEntity, {
          tenantId: caller.tenantId,
          datasetVersionId: dataset.id,
          split: shape.split,
          ...settings,
          seeds: shape.seeds,
          status: EvaluationStatus.QUEUED,
          scorerVersion: SCORER_VERSION,
          totalSamples: total,
          doneSamples: 0,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
      await m.save(
        versions.map((version, ordinal) =>
          m.create(EvaluationRunModelEntity, {
            runId: saved.id,
            modelVersionId: version.id,
            tenantId: caller.tenantId,
            ordinal,
          }),
        ),
      );
      return saved;
    });
    this.audit.record(
      caller,
      'evaluation.started',
      { type: 'evaluation', id: run.id },
      {
        datasetVersionId: run.datasetVersionId,
        split: run.split,
        modelVersionIds: shape.modelVersionIds.join(','),
        samples: run.totalSamples,
      },
    );
    try {
      await this.queues.enqueue(EVALUATE_MODEL, { tenantId: caller.tenantId, runId: run.id });
    } catch (error) {
      this.logger.error(`could not enqueue evaluation ${run.id}: ${(error as Error).message}`);
      await this.uow.run(caller.tenantId, (m) =>
        m.update(
          EvaluationRunEntity,
          { id: run.id, status: EvaluationStatus.QUEUED },
          {
            status: EvaluationStatus.FAILED,
            errorCode: 'QUEUE_UNAVAILABLE',
            errorMessage:
              'The evaluation could not be queued, so it never ran and is not charged; start it again',
            finishedAt: new Date(),
          },
        ),
      );
      throw new ServiceUnavailableError(
        `The evaluation queue is unavailable, so nothing runs and nothing is charged; start it again in ${QUEUE_RETRY_SECONDS} s`,
        QUEUE_RETRY_SECONDS,
      );
    }
    return this.get(caller, run.id);
  }

  /**
   * The month's evaluation samples: every sample of a run that is queued, running or succeeded, and the
   * samples a failed or cancelled run actually made. Checked under a per-tenant lock held to commit, so two
   * racing starts cannot both fit in the room for one.
   */
  private async reserveSamples(
    m: EntityManager,
    tenantId: string,
    asked: number,
    now = new Date(),
  ): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVALUATION_QUOTA_LOCK_CLASS, tenantId]);
    const period = quotaPeriod(now);
    const [row]: { used: number; own: number | null }[] = await m.query(
      `SELECT
         (SELECT coalesce(sum(CASE WHEN status IN ('QUEUED', 'RUNNING', 'SUCCEEDED') THEN total_samples
                                   ELSE done_samples END), 0)::int
            FROM evaluation_runs WHERE tenant_id = $1 AND created_at >= $2) AS used,
         (SELECT max_evaluation_samples_per_month FROM tenant_quotas WHERE tenant_id = $1) AS own`,
      [tenantId, period.start],
    );
    const limit = row.own ?? this.config.quotas.maxEvaluationSamplesPerMonth;
    if (row.used + asked > limit) {
      throw new EvaluationSamplesQuotaError(limit, Math.max(0, limit - row.used), asked, period.end);
    }
  }

  /**
   * Marks a queued or running evaluation CANCELLED, tells its followers and its worker (which stops within a
   * sampler step and writes nothing more: each sample is stored only onto a RUNNING run).
   */
  async cancel(caller: TenantContext, id: string): Promise<EvaluationView> {
    if (!RUNNERS.includes(caller.role)) throw new EvaluationForbiddenError('cancel an evaluation');
    if (!isUuid(id)) throw new EvaluationNotFoundError(id);
    await this.uow.run(caller.tenantId, async (m) => {
      const run = await m.findOne(EvaluationRunEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!run) throw new EvaluationNotFoundError(id);
      if (isEvaluationFinished(run.status)) throw new EvaluationFinishedError(id, run.status);
      run.status = EvaluationStatus.CANCELLED;
      run.finishedAt = new Date();
      await m.save(run);
    });
    this.audit.record(caller, 'evaluation.cancelled', { type: 'evaluation', id });
    const view = await this.get(caller, id);
    await this.events.publishUpdate(EVALUATION_TOPIC, id, view);
    await this.events.requestCancel(EVALUATION_TOPIC, id);
    await this.queues.removeWaiting(QueueName.EVALUATE, id);
    return view;
  }

  get(caller: TenantContext, id: string): Promise<EvaluationView> {
    return this.reader.view(caller.tenantId, id);
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<EvaluationView>> {
    const cursor = cursorAfter(after);
    const runs = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(EvaluationRunEntity, 'run')
        .orderBy('run.created_at', 'DESC')
        .addOrderBy('run.id', 'DESC')
        .limit(first + 1);
      if (cursor) {
        query.where('(run.created_at, run.id) < (:createdAt, :id)', cursor);
      }
      return query.getMany();
    });
    const views = await this.reader.views(caller.tenantId, runs.slice(0, first));
    const byId = new Map(views.map((view) => [view.id, view]));
    return pageOf(
      runs,
      first,
      (run) => run,
      (run) => byId.get(run.id) as EvaluationView,
    );
  }

  /** The frozen dataset versions of the workspace, for the console's "New evaluation" form. */
  async datasetVersionChoices(caller: TenantContext): Promise<{ id: string; label: string }[]> {
    return this.uow.run(caller.tenantId, async (m) => {
      const versions = await m.find(DatasetVersionEntity, { order: { createdAt: 'DESC' }, take: 100 });
      const frozen = versions.filter((v) => v.frozenAt !== null);
      const datasets = frozen.length
        ? await m.findBy(DatasetEntity, { id: In([...new Set(frozen.map((v) => v.datasetId))]) })
        : [];
      const names = new Map(datasets.map((d) => [d.id, d.name]));
      return frozen.map((v) => ({ id: v.id, label: `${names.get(v.datasetId) ?? 'dataset'} v${v.number}` }));
    });
  }
}
