import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  ArtifactEntity,
  ArtifactKind,
  isUuid,
  SoundtrackJobEntity,
  SoundtrackJobStatus,
  TenantUnitOfWork,
} from '@loris/db';
import {
  cursorAfter,
  GENERATE_SOUNDTRACK,
  JobEvents,
  Page,
  pageOf,
  QueueName,
  QueueService,
  TenantContext,
} from '@loris/engine';
import {
  genreList,
  InferenceError,
  MAX_REQUEST_SECONDS,
  ModelContract,
  resolveSoundtrackRequest,
  RequestMismatchError,
  ResolvedSoundtrackRequest,
} from '@loris/inference';
import { AuditService } from '../audit/audit.service';
import { ServingVersions } from '../models/serving-versions.service';
import {
  isFinished,
  SOUNDTRACK_JOB_TOPIC,
  SoundtrackJobView,
  toSoundtrackJobView,
} from './soundtrack-job.view';
import { inputsOf } from './soundtrack-job-input';
import { SoundtrackQuotaService } from './soundtrack-quota.service';
import { SoundtrackJobsPage, SoundtrackRequest } from './soundtrack-request';
import {
  IdempotencyKeyConflictError,
  InvalidSoundtrackRequestError,
  JobAlreadyFinishedError,
  QueueUnavailableError,
  SoundtrackJobNotFoundError,
  UploadNotFoundError,
} from './soundtracks.exception';

/** The error code of a job whose enqueue failed: it never ran. */
export const QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE';

/** The request's input: which upload, and the kind it must be. */
interface RequestedInput {
  uploadId: string;
  kind: ArtifactKind;
}

@Injectable()
export class SoundtracksService {
  private readonly logger = new Logger(SoundtracksService.name);

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly versions: ServingVersions,
    private readonly quota: SoundtrackQuotaService,
    private readonly queues: QueueService,
    private readonly events: JobEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stores the job and enqueues it. The idempotency lookup, the upload check, the quota check and the insert
   * share one transaction under the tenant's quota lock, so neither racing retries nor racing new requests
   * get past the limits or create two jobs for one key. The defaults and checks are libs/inference's
   * (resolveSoundtrackRequest), the same that `loris generate` applies, so both make the same audio.
   */
  async request(caller: TenantContext, request: SoundtrackRequest): Promise<SoundtrackJobView> {
    const input = requestedInput(request);
    // A replayed idempotencyKey changes nothing, so only a new row is audited.
    let created = false;
    let upload: ArtifactEntity | null = null;
    const job = await this.uow.run(caller.tenantId, async (m) => {
      await this.quota.lock(m, caller.tenantId);
      if (request.idempotencyKey) {
        const existing = await m.findOneBy(SoundtrackJobEntity, { idempotencyKey: request.idempotencyKey });
        if (existing) {
          upload = await m.findOneBy(ArtifactEntity, { id: existing.inputArtifactId });
          return replayOf(existing, input, request);
        }
      }
      upload = await this.findUpload(m, input);
      // Resolved now and stored: a later alias move changes the next request, never this job.
      const version = await this.versions.resolve(m, request.model);
      const resolved = resolve(version.contract, request, upload);
      await this.quota.check(m, caller.tenantId, resolved.seconds);
      created = true;
      return m.save(
        m.create(SoundtrackJobEntity, {
          tenantId: caller.tenantId,
          status: SoundtrackJobStatus.QUEUED,
          progress: 0,
          inputArtifactId: upload.id,
          genre: resolved.genre,
          seconds: resolved.seconds,
          ...resolved.settings,
          modelVersionId: version.id,
          requestedModelAlias: request.model?.alias ?? null,
          idempotencyKey: request.idempotencyKey ?? null,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
    });
    if (created) {
      this.audit.record(
        caller,
        'soundtrack_job.requested',
        { type: 'soundtrack_job', id: job.id },
        {
          genre: job.genre,
          seconds: job.seconds,
          modelVersionId: job.modelVersionId ?? '',
        },
      );
    }
    // Also for a replayed key: Bull ignores a job id it already holds, and a lost enqueue is healed.
    if (job.status !== SoundtrackJobStatus.QUEUED) return toSoundtrackJobView(job, upload);
    try {
      await this.queues.enqueue(GENERATE_SOUNDTRACK, { tenantId: caller.tenantId, jobId: job.id });
    } catch (error) {
      this.logger.error(`could not enqueue soundtrack job ${job.id}: ${(error as Error).message}`);
      return toSoundtrackJobView(await this.abandonUnqueued(caller.tenantId, job.id), upload);
    }
    return toSoundtrackJobView(job, upload);
  }

  /**
   * "Generate again": a new job from the same input with the same genre, length, steps, sampler and
   * guidance, and a seed drawn anew (never the job's own, so the result differs). The new job goes through
   * request() like any other: the same checks, quota and idempotency.
   */
  async requestAgain(
    caller: TenantContext,
    id: string,
    idempotencyKey?: string | null,
  ): Promise<SoundtrackJobView> {
    if (idempotencyKey !== undefined && idempotencyKey !== null && !/^.{1,200}$/su.test(idempotencyKey)) {
      throw new InvalidSoundtrackRequestError('idempotencyKey must be 1 to 200 characters');
    }
    const job = await this.find(caller.tenantId, id);
    const input = await this.uow.run(caller.tenantId, (m) =>
      m.findOne(ArtifactEntity, { where: { id: job.inputArtifactId }, select: { id: true, kind: true } }),
    );
    if (!input) throw new UploadNotFoundError(job.inputArtifactId);
    return this.request(caller, {
      ...(input.kind === ArtifactKind.VIDEO ? { videoUploadId: input.id } : { posesUploadId: input.id }),
      genre: job.genre,
      seconds: job.seconds,
      seed: newSeed(job.seed, idempotencyKey),
      steps: job.steps,
      sampler: job.sampler,
      guidance: job.guidance,
      idempotencyKey: idempotencyKey ?? undefined,
      // The same version, not whatever an alias points at now: "again" changes the seed only.
      ...(job.modelVersionId ? { model: { versionId: job.modelVersionId } } : {}),
    });
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

  async get(caller: TenantContext, id: string): Promise<SoundtrackJobView> {
    return this.view(caller.tenantId, id);
  }

  /** The tenant's job as a view, with its input; NOT_FOUND as find() says. */
  async view(tenantId: string, id: string): Promise<SoundtrackJobView> {
    const job = await this.find(tenantId, id);
    const [input] = await this.uow.run(tenantId, (m) => inputsOf(m, [job]));
    return toSoundtrackJobView(job, input);
  }

  /** The job row; NOT_FOUND for a malformed, missing or other tenant's id (row-level security hides it). */
  async find(tenantId: string, id: string): Promise<SoundtrackJobEntity> {
    if (!isUuid(id)) throw new SoundtrackJobNotFoundError(id);
    const job = await this.uow.run(tenantId, (m) => m.findOneBy(SoundtrackJobEntity, { id }));
    if (!job) throw new SoundtrackJobNotFoundError(id);
    return job;
  }

  /** Keyset pagination on (createdAt, id), newest first, optionally one status only. */
  async list(caller: TenantContext, page: SoundtrackJobsPage): Promise<Page<SoundtrackJobView>> {
    const cursor = cursorAfter(page.after);
    const { jobs, inputs } = await this.uow.run(caller.tenantId, async (m) => {
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
      const found = await query.getMany();
      return { jobs: found, inputs: await inputsOf(m, found) };
    });
    const inputOf = new Map(jobs.map((job, i) => [job.id, inputs[i]]));
    return pageOf(
      jobs,
      page.first,
      (job) => job,
      (job) => toSoundtrackJobView(job, inputOf.get(job.id) ?? null),
    );
  }

  /**
   * Marks a queued or running job CANCELLED, tells its subscribers, and asks its worker to stop, which
   * aborts the sampler within one step; the worker's result write only lands on a RUNNING row, so a
   * cancelled job stays cancelled.
   */
  async cancel(caller: TenantContext, id: string): Promise<SoundtrackJobView> {
    if (!isUuid(id)) throw new SoundtrackJobNotFoundError(id);
    const { job, input } = await this.uow.run(caller.tenantId, async (m) => {
      const found = await m.findOne(SoundtrackJobEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw new SoundtrackJobNotFoundError(id);
      if (isFinished(found.status)) throw new JobAlreadyFinishedError(id, found.status);
      found.status = SoundtrackJobStatus.CANCELLED;
      found.finishedAt = new Date();
      const [input] = await inputsOf(m, [found]);
      return { job: await m.save(found), input };
    });
    this.audit.record(caller, 'soundtrack_job.cancelled', { type: 'soundtrack_job', id });
    const view = toSoundtrackJobView(job, input);
    await this.events.publishUpdate(SOUNDTRACK_JOB_TOPIC, id, view);
    await this.events.requestCancel(SOUNDTRACK_JOB_TOPIC, id);
    // A waiting job is dropped; an active one belongs to its worker, which stops it itself.
    await this.queues.removeWaiting(QueueName.GENERATE, id);
    return view;
  }

  private async findUpload(m: EntityManager, input: RequestedInput): Promise<ArtifactEntity> {
    if (!isUuid(input.uploadId)) throw new UploadNotFoundError(input.uploadId);
    const upload = await m.findOneBy(ArtifactEntity, { id: input.uploadId });
    if (!upload) throw new UploadNotFoundError(input.uploadId);
    if (upload.kind !== input.kind) {
      const field = input.kind === ArtifactKind.POSES ? 'posesUploadId' : 'videoUploadId';
      throw new InvalidSoundtrackRequestError(
        `${field} must name an upload of kind ${input.kind}; upload ${upload.id} is ${upload.kind}`,
      );
    }
    return upload;
  }
}

/**
 * The job a replayed idempotencyKey names, when the replay asks for the same thing: the same input and
 * genre, and the same value for every setting it gives (a setting it leaves out matches what the first
 * request resolved to). A replay that asks for something else is refused rather than silently answered
 * with a job it did not ask for.
 */
function replayOf(
  existing: SoundtrackJobEntity,
  input: RequestedInput,
  request: SoundtrackRequest,
): SoundtrackJobEntity {
  const given: [string, unknown, unknown][] = [
    [
      input.kind === ArtifactKind.POSES ? 'posesUploadId' : 'videoUploadId',
      input.uploadId,
      existing.inputArtifactId,
    ],
    ['genre', request.genre, existing.genre],
    ['seconds', request.seconds, existing.seconds],
    ['seed', request.seed, existing.seed],
    ['steps', request.steps, existing.steps],
    ['sampler', request.sampler, existing.sampler],
    ['guidance', request.guidance, existing.guidance],
    ['model.versionId', request.model?.versionId, existing.modelVersionId],
    ['model.alias', request.model?.alias, existing.requestedModelAlias],
  ];
  const differ = given.filter(
    ([, asked, stored]) => asked !== undefined && asked !== null && asked !== stored,
  );
  if (differ.length)
    throw new IdempotencyKeyConflictError(
      request.idempotencyKey!,
      differ.map(([name]) => name),
    );
  return existing;
}

/**
 * A seed for "generate again", in the API's range and never the one it replaces: random, or derived from the
 * idempotency key when there is one, so a retried request asks for the same seed and replays its job.
 */
function newSeed(previous: number, idempotencyKey?: string | null): number {
  const range = 2 ** 31;
  const seed = idempotencyKey
    ? createHash('sha256').update(idempotencyKey).digest().readUInt32BE(0) % range
    : randomInt(range);
  return seed === previous ? (seed + 1) % range : seed;
}

function requestedInput(request: SoundtrackRequest): RequestedInput {
  const ids = [request.posesUploadId, request.videoUploadId].filter((id) => id !== undefined && id !== null);
  if (ids.length !== 1) {
    throw new InvalidSoundtrackRequestError(
      `Give exactly one of posesUploadId and videoUploadId (got ${ids.length === 0 ? 'neither' : 'both'})`,
    );
  }
  return request.posesUploadId
    ? { uploadId: request.posesUploadId, kind: ArtifactKind.POSES }
    : { uploadId: request.videoUploadId as string, kind: ArtifactKind.VIDEO };
}

/**
 * libs/inference's defaults and checks against the upload's duration, stored when it was checked; the API
 * draws the seed when the client leaves it out. An upload stored before durations were recorded has none:
 * its length is checked by the worker, and a request for it defaults to the model's segment length, the
 * default of that time.
 */
function resolve(
  contract: ModelContract,
  request: SoundtrackRequest,
  upload: ArtifactEntity,
): ResolvedSoundtrackRequest {
  const legacySeconds =
    upload.durationSeconds === null ? contract.segmentSamples / contract.sampleRate : null;
  try {
    return resolveSoundtrackRequest(contract, {
      genre: request.genre,
      seconds: request.seconds ?? legacySeconds,
      inputSeconds: upload.durationSeconds ?? MAX_REQUEST_SECONDS,
      seed: request.seed ?? randomInt(2 ** 31),
      steps: request.steps,
      sampler: request.sampler,
      guidance: request.guidance,
    });
  } catch (error) {
    // API clients name the genre they asked for; the list says what to ask instead.
    if (error instanceof RequestMismatchError && error.field === 'genre') {
      throw new InvalidSoundtrackRequestError(
        `Unknown genre "${request.genre}"; the model knows ${genreList(contract)}`,
      );
    }
    if (error instanceof InferenceError) throw new InvalidSoundtrackRequestError(error.message);
    throw error;
  }
}
