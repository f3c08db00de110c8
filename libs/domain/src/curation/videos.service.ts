import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ArtifactEntity,
  ArtifactKind,
  DatasetEntity,
  isUuid,
  SegmentEntity,
  TenantUnitOfWork,
  VideoEntity,
  VideoStatus,
} from '@loris/db';
import {
  cursorAfter,
  INGEST_VIDEO,
  JobEvents,
  Page,
  pageOf,
  QueueName,
  QueueService,
  TenantContext,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { DatasetNotFoundError } from '../datasets/datasets.exception';
import {
  InvalidCurationRequestError,
  VideoIngestFinishedError,
  VideoNotFoundError,
} from './curation.exception';
import { isVideoFinished, toVideoView, VIDEO_INGEST_TOPIC, VideoView } from './curation.views';
import { queueVideoJob, VideoQueueing } from './queue-video-job';

/** Uploads one call may add: a console batch or a CLI import page, not a whole archive at once. */
export const MAX_VIDEOS_PER_CALL = 100;

/** The outcome for one upload of addVideosToDataset: its video, or why it was not added. */
export interface AddedVideo {
  uploadId: string;
  video: VideoView | null;
  error: { code: string; message: string } | null;
}

@Injectable()
export class VideosService {
  /** The unit of work, queues and log that queueVideoJob uses for this service's videos. */
  private readonly queueing: VideoQueueing;

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly queues: QueueService,
    private readonly events: JobEvents,
    private readonly audit: AuditService,
  ) {
    this.queueing = { uow, queues, logger: new Logger(VideosService.name) };
  }

  /**
   * A video row per uploaded video, each queued for ingest. Per item: an upload that is missing or not a
   * video is answered with its error while the rest go on; an upload already in the dataset answers its
   * existing video (a retried call adds nothing twice). Rows are written in one transaction, then queued:
   * a video whose enqueue failed ends FAILED with a reason, never QUEUED with no job behind it.
   */
  async add(caller: TenantContext, datasetId: string, uploadIds: string[]): Promise<AddedVideo[]> {
    if (uploadIds.length === 0 || uploadIds.length > MAX_VIDEOS_PER_CALL) {
      throw new InvalidCurationRequestError(`uploadIds must list 1 to ${MAX_VIDEOS_PER_CALL} uploads`);
    }
    await this.findDataset(caller.tenantId, datasetId);
    const created: VideoEntity[] = [];
    const results = await this.uow.run(caller.tenantId, async (m) => {
      const out: AddedVideo[] = [];
      for (const uploadId of uploadIds) {
        const outcome = await this.addOne(m, caller, datasetId, uploadId);
        if ('error' in outcome) {
          out.push({ uploadId, video: null, error: outcome.error });
          continue;
        }
        if (outcome.created) created.push(outcome.video);
        out.push({ uploadId, video: toVideoView(outcome.video, 0), error: null });
      }
      return out;
    });
    for (const video of created) {
      this.audit.record(caller, 'video.added', { type: 'video', id: video.id }, { datasetId });
      const failed = await queueVideoJob(this.queueing, video, INGEST_VIDEO, {
        what: 'ingest',
        reason: 'The ingest could not be queued; add the upload again',
      });
      const item = results.find((r) => r.video?.id === video.id);
      if (item && failed) item.video = toVideoView(failed, 0);
    }
    return results;
  }

  private async addOne(
    m: EntityManager,
    caller: TenantContext,
    datasetId: string,
    uploadId: string,
  ): Promise<{ video: VideoEntity; created: boolean } | { error: AddedVideo['error'] & object }> {
    const upload = isUuid(uploadId) ? await m.findOneBy(ArtifactEntity, { id: uploadId }) : null;
    if (!upload) return { error: { code: 'UPLOAD_NOT_FOUND', message: `Upload ${uploadId} was not found` } };
    if (upload.kind !== ArtifactKind.VIDEO) {
      return {
        error: {
          code: 'NOT_A_VIDEO',
          message: `Upload ${uploadId} is ${upload.kind === ArtifactKind.POSES ? 'a pose track' : `a ${upload.kind} file`}, not a video; only videos can be added to a dataset`,
        },
      };
    }
    const existing = await m.findOneBy(VideoEntity, { datasetId, sourceArtifactId: upload.id });
    if (existing) return { video: existing, created: false };
    const video = await m.save(
      m.create(VideoEntity, {
        tenantId: caller.tenantId,
        datasetId,
        sourceArtifactId: upload.id,
        name: upload.fileName,
        status: VideoStatus.QUEUED,
        progress: 0,
        createdBy: caller.userId,
        createdByApiKey: caller.apiKeyId,
      }),
    );
    return { video, created: true };
  }

  async get(caller: TenantContext, id: string): Promise<VideoView> {
    return this.view(caller.tenantId, id);
  }

  /** The tenant's video with its segment count; NOT_FOUND for a malformed, missing or other tenant's id. */
  async view(tenantId: string, id: string): Promise<VideoView> {
    if (!isUuid(id)) throw new VideoNotFoundError(id);
    const found = await this.uow.run(tenantId, async (m) => {
      const video = await m.findOneBy(VideoEntity, { id });
      return video ? { video, count: await m.countBy(SegmentEntity, { videoId: id }) } : null;
    });
    if (!found) throw new VideoNotFoundError(id);
    return toVideoView(found.video, found.count);
  }

  /** A dataset's videos, newest first (keyset on created_at, id). */
  async list(
    caller: TenantContext,
    datasetId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<VideoView>> {
    const cursor = cursorAfter(after);
    await this.findDataset(caller.tenantId, datasetId);
    const { videos, counts } = await this.uow.run(caller.tenantId, async (m) => {
      const query = m
        .createQueryBuilder(VideoEntity, 'v')
        .where('v.dataset_id = :datasetId', { datasetId })
        .orderBy('v.created_at', 'DESC')
        .addOrderBy('v.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.andWhere('(v.created_at, v.id) < (:createdAt, :id)', cursor);
      const found = await query.getMany();
      const rows: { video_id: string; n: number }[] = found.length
        ? await m.query(
            'SELECT video_id, count(*)::int AS n FROM segments WHERE video_id = ANY($1) GROUP BY video_id',
            [found.map((v) => v.id)],
          )
        : [];
      return { videos: found, counts: new Map(rows.map((r) => [r.video_id, r.n])) };
    });
    return pageOf(
      videos,
      first,
      (v) => v,
      (v) => toVideoView(v, counts.get(v.id) ?? 0),
    );
  }

  /**
   * Stops a queued or ingesting video: marked CANCELLED, its subscribers told, its worker asked to stop
   * (within one frame of pose estimation). Segments already written stay: each is whole, with its files.
   */
  async cancel(caller: TenantContext, id: string): Promise<VideoView> {
    if (!isUuid(id)) throw new VideoNotFoundError(id);
    const { video, count } = await this.uow.run(caller.tenantId, async (m) => {
      const found = await m.findOne(VideoEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new VideoNotFoundError(id);
      if (isVideoFinished(found.status)) throw new VideoIngestFinishedError(id, found.status);
      found.status = VideoStatus.CANCELLED;
      found.finishedAt = new Date();
      return { video: await m.save(found), count: await m.countBy(SegmentEntity, { videoId: id }) };
    });
    this.audit.record(caller, 'video.ingest_cancelled', { type: 'video', id });
    const view = toVideoView(video, count);
    await this.events.publishUpdate(VIDEO_INGEST_TOPIC, id, view);
    await this.events.requestCancel(VIDEO_INGEST_TOPIC, id);
    await this.queues.removeWaiting(QueueName.INGEST, id);
    return view;
  }

  private async findDataset(tenantId: string, datasetId: string): Promise<DatasetEntity> {
    if (!isUuid(datasetId)) throw new DatasetNotFoundError(datasetId);
    const dataset = await this.uow.run(tenantId, (m) => m.findOneBy(DatasetEntity, { id: datasetId }));
    if (!dataset) throw new DatasetNotFoundError(datasetId);
    return dataset;
  }
}
