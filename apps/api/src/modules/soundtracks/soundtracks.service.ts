import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import Redis from 'ioredis';
import { EntityManager } from 'typeorm';
import {
  ArtifactEntity,
  ArtifactKind,
  isUuid,
  SoundtrackJobEntity,
  SoundtrackJobStatus,
  TenantUnitOfWork,
} from '@loris/db';
import { genreList, InvalidRequestError, samplingSettings, SamplingSettings } from '@loris/inference';
import { APP_CONFIG, AppConfig } from '../../engine/config/app-config';
import { QueueService } from '../../engine/queue/queue.service';
import { QueueName } from '../../engine/queue/queue-name.enum';
import { REDIS } from '../../engine/redis/redis.module';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { decodeCursor, encodeCursor } from '../datasets/dataset-cursor';
import { InvalidCursorError } from '../datasets/datasets.exception';
import { ServingModelService } from '../genres/serving-model.service';
import { RequestSoundtrackInput } from './dtos/request-soundtrack.input';
import { SoundtrackJobsPageArgs } from './dtos/soundtrack-jobs-page.args';
import { SoundtrackJobConnection } from './models/soundtrack-job-connection.model';
import { SoundtrackJobModel, toSoundtrackJobModel } from './models/soundtrack-job.model';
import { SoundtrackQuotaService } from './soundtrack-quota.service';
import { GENERATE_SOUNDTRACK, GenerateSoundtrackJobData, jobChannel } from './soundtrack-queue';
import {
  InvalidSoundtrackRequestError,
  JobAlreadyFinishedError,
  QueueUnavailableError,
  SoundtrackJobNotFoundError,
  UploadNotFoundError,
} from './soundtracks.exception';

const FINISHED = new Set([
  SoundtrackJobStatus.SUCCEEDED,
  SoundtrackJobStatus.FAILED,
  SoundtrackJobStatus.CANCELLED,
]);

const ENQUEUE_TIMEOUT_MS = 5000;

/** The error code of a job whose enqueue failed: it never ran. */
export const QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE';

export const isFinished = (status: SoundtrackJobStatus) => FINISHED.has(status);

interface CheckedRequest {
  uploadId: string;
  kind: ArtifactKind;
  seconds: number;
  settings: SamplingSettings;
}

@Injectable()
export class SoundtracksService {
  private readonly logger = new Logger(SoundtracksService.name);

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly model: ServingModelService,
    private readonly quota: SoundtrackQuotaService,
    private readonly queues: QueueService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores the job and enqueues it. The idempotency lookup, the upload check, the quota check and the insert
   * share one transaction under the tenant's quota lock, so neither racing retries nor racing new requests
   * get past the limits or create two jobs for one key.
   */
  async request(caller: TenantContext, input: RequestSoundtrackInput): Promise<SoundtrackJobModel> {
    const checked = await this.check(input);
    const job = await this.uow.run(caller.tenantId, async (m) => {
      await this.quota.lock(m, caller.tenantId);
      if (input.idempotencyKey) {
        const existing = await m.findOneBy(SoundtrackJobEntity, { idempotencyKey: input.idempotencyKey });
        if (existing) return existing;
      }
      await this.assertUpload(m, checked);
      await this.quota.check(m, caller.tenantId, checked.seconds);
      return m.save(
        m.create(SoundtrackJobEntity, {
          tenantId: caller.tenantId,
          status: SoundtrackJobStatus.QUEUED,
          progress: 0,
          inputArtifactId: checked.uploadId,
          genre: input.genre,
          seconds: checked.seconds,
          ...checked.settings,
          idempotencyKey: input.idempotencyKey ?? null,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
    });
    // Also for a replayed key: Bull ignores a job id it already holds, and a lost enqueue is healed.
    if (job.status !== SoundtrackJobStatus.QUEUED) return toSoundtrackJobModel(job);
    try {
      await this.enqueue(caller.tenantId, job.id);
    } catch (error) {
      this.logger.error(`could not enqueue soundtrack job ${job.id}: ${(error as Error).message}`);
      return toSoundtrackJobModel(await this.abandonUnqueued(caller.tenantId, job.id));
    }
    return toSoundtrackJobModel(job);
  }

  /**
   * After a failed enqueue the row must not keep a job slot for a job no worker will see: it is marked
   * FAILED (not charged) and its idempotencyKey released, so the client's retry makes a fresh job, and
   * QueueUnavailableError tells the client to retry. Only a QUEUED row is touched: one a worker already
   * holds means the enqueue landed after all (e.g. a timeout after Redis took it), and is the answer.
   */
  private async abandonUnqueued(tenantId: string, jobId: string): Promise<SoundtrackJobEntity> {
    let current: SoundtrackJobEntity | null = null;
    try {
      current = await this.uow.run(tenantId, async (m) => {
        const { affected } = await m.update(
          SoundtrackJobEntity,
          { id: jobId, status: SoundtrackJobStatus.QUEUED },
          {
            status: SoundtrackJobStatus.FAILED,
            errorCode: QUEUE_UNAVAILABLE,
            errorMessage: 'The job could not be queued, so it never ran and is not charged; request it again',
            idempotencyKey: null,
            finishedAt: new Date(),
          },
        );
        return affected ? null : m.findOneBy(SoundtrackJobEntity, { id: jobId });
      });
    } catch (error) {
      // The database failed too: the row stays QUEUED, and a replay of its idempotencyKey enqueues it.
      this.logger.error(`could not mark unqueued job ${jobId} FAILED: ${(error as Error).message}`);
    }
    if (current && current.status !== SoundtrackJobStatus.QUEUED) return current;
    throw new QueueUnavailableError();
  }

  async get(caller: TenantContext, id: string): Promise<SoundtrackJobModel> {
    return toSoundtrackJobModel(await this.find(caller.tenantId, id));
  }

  /** The job row; NOT_FOUND for a malformed, missing or other tenant's id (row-level security hides it). */
  async find(tenantId: string, id: string): Promise<SoundtrackJobEntity> {
    if (!isUuid(id)) throw new SoundtrackJobNotFoundError(id);
    const job = await this.uow.run(tenantId, (m) => m.findOneBy(SoundtrackJobEntity, { id }));
    if (!job) throw new SoundtrackJobNotFoundError(id);
    return job;
  }

  /** Keyset pagination on (createdAt, id), newest first, optionally one status only. */
  async list(caller: TenantContext, page: SoundtrackJobsPageArgs): Promise<SoundtrackJobConnection> {
    const cursor = page.after ? decodeCursor(page.after) : null;
    if (page.after && !cursor) throw new InvalidCursorError();
    const jobs = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(SoundtrackJobEntity, 'job')
        .orderBy('job.created_at', 'DESC')
        .addOrderBy('job.id', 'DESC')
        .limit(page.first + 1);
      if (page.status) query.andWhere('job.status = :status', { status: page.status });
      if (cursor) {
        query.andWhere('(job.created_at, job.id) < (:createdAt, :id)', {
          createdAt: cursor.createdAt,
          id: cursor.id,
        });
      }
      return query.getMany();
    });
    const edges = jobs.slice(0, page.first).map((job) => ({
      cursor: encodeCursor({ createdAt: job.createdAt, id: job.id }),
      node: toSoundtrackJobModel(job),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: jobs.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /**
   * Marks a queued or running job CANCELLED and tells its worker (Redis), which aborts the sampler within
   * one step; the worker's result write only lands on a RUNNING row, so a cancelled job stays cancelled.
   */
  async cancel(caller: TenantContext, id: string): Promise<SoundtrackJobModel> {
    if (!isUuid(id)) throw new SoundtrackJobNotFoundError(id);
    const job = await this.uow.run(caller.tenantId, async (m) => {
      const found = await m.findOne(SoundtrackJobEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw new SoundtrackJobNotFoundError(id);
      if (isFinished(found.status)) throw new JobAlreadyFinishedError(id, found.status);
      found.status = SoundtrackJobStatus.CANCELLED;
      found.finishedAt = new Date();
      return m.save(found);
    });
    const model = toSoundtrackJobModel(job);
    await this.redis.publish(jobChannel(this.config.redis.keyPrefix, id), JSON.stringify(model));
    const queued = await this.queues.queue(QueueName.GENERATE).getJob(id);
    // A waiting job is dropped; an active one belongs to its worker, which sees the cancellation itself.
    const state = await queued?.getState();
    if (state === 'waiting' || state === 'delayed') await queued?.remove().catch(() => undefined);
    return model;
  }

  private async check(input: RequestSoundtrackInput): Promise<CheckedRequest> {
    const ids = [input.posesUploadId, input.videoUploadId].filter((id) => id !== undefined && id !== null);
    if (ids.length !== 1) {
      throw new InvalidSoundtrackRequestError(
        `Give exactly one of posesUploadId and videoUploadId (got ${ids.length === 0 ? 'neither' : 'both'})`,
      );
    }
    const contract = await this.model.contract();
    if (!contract.genres.includes(input.genre)) {
      throw new InvalidSoundtrackRequestError(
        `Unknown genre "${input.genre}"; the model knows ${genreList(contract)}`,
      );
    }
    let settings: SamplingSettings;
    try {
      settings = samplingSettings(contract, {
        seed: input.seed ?? randomInt(2 ** 31),
        steps: input.steps ?? undefined,
        sampler: (input.sampler ?? undefined) as SamplingSettings['sampler'] | undefined,
        guidance: input.guidance ?? undefined,
      });
    } catch (error) {
      if (error instanceof InvalidRequestError) throw new InvalidSoundtrackRequestError(error.message);
      throw error;
    }
    return {
      uploadId: (input.posesUploadId ?? input.videoUploadId) as string,
      kind: input.posesUploadId ? ArtifactKind.POSES : ArtifactKind.VIDEO,
      seconds: input.seconds ?? (await this.model.segmentSeconds()),
      settings,
    };
  }

  private async assertUpload(m: EntityManager, request: CheckedRequest): Promise<void> {
    if (!isUuid(request.uploadId)) throw new UploadNotFoundError(request.uploadId);
    const upload = await m.findOneBy(ArtifactEntity, { id: request.uploadId });
    if (!upload) throw new UploadNotFoundError(request.uploadId);
    if (upload.kind !== request.kind) {
      const field = request.kind === ArtifactKind.POSES ? 'posesUploadId' : 'videoUploadId';
      throw new InvalidSoundtrackRequestError(
        `${field} must name an upload of kind ${request.kind}; upload ${upload.id} is ${upload.kind}`,
      );
    }
  }

  private async enqueue(tenantId: string, jobId: string): Promise<void> {
    const data: GenerateSoundtrackJobData = { tenantId, jobId };
    let timer: NodeJS.Timeout | undefined;
    // An unreachable Redis makes ioredis queue the command and retry rather than fail: give up in time to
    // answer the client. Should the add land later, the worker finds the row FAILED and does nothing.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`enqueue timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    const added = this.queues.queue(QueueName.GENERATE).add(GENERATE_SOUNDTRACK, data, {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
    });
    added.catch(() => undefined); // a late failure after the timeout is already answered
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
