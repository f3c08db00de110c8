import { Logger } from '@nestjs/common';
import { TenantUnitOfWork, VideoEntity, VideoStatus } from '@loris/db';
import { IngestVideoJobData, JobDefinition, QueueService } from '@loris/engine';

/** What queueing a video's job needs of the service that made the video. */
export interface VideoQueueing {
  uow: TenantUnitOfWork;
  queues: QueueService;
  logger: Logger;
}

/** What the log and the curator read when a video's job could not be queued. */
export interface Unqueued {
  /** The job, in the log line ("ingest", "the import"). */
  what: string;
  /** The video's failure reason: what the curator does next. */
  reason: string;
}

/**
 * Queues the job of a video whose row is committed. A video whose enqueue failed ends FAILED with a reason,
 * never QUEUED with no job behind it; answers that FAILED row (null when it was queued, or when even the
 * FAILED mark could not be written: the row then stays as it was, and the log says why).
 */
export async function queueVideoJob(
  { uow, queues, logger }: VideoQueueing,
  video: VideoEntity,
  job: JobDefinition<IngestVideoJobData>,
  unqueued: Unqueued,
): Promise<VideoEntity | null> {
  try {
    await queues.enqueue(job, { tenantId: video.tenantId, videoId: video.id });
    return null;
  } catch (error) {
    logger.error(`could not enqueue ${unqueued.what} of video ${video.id}: ${(error as Error).message}`);
  }
  return uow
    .run(video.tenantId, async (m) => {
      // Only a video still QUEUED: a cancel that came meanwhile keeps its own end.
      await m.update(
        VideoEntity,
        { id: video.id, status: VideoStatus.QUEUED },
        {
          status: VideoStatus.FAILED,
          failureCode: 'QUEUE_UNAVAILABLE',
          failureReason: unqueued.reason,
          finishedAt: new Date(),
        },
      );
      return m.findOneBy(VideoEntity, { id: video.id });
    })
    .catch((error: Error) => {
      logger.error(`could not mark unqueued video ${video.id} FAILED: ${error.message}`);
      return null;
    });
}
