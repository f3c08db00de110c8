import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SegmentEntity, TenantUnitOfWork, VideoEntity, VideoStatus } from '@loris/db';
import { FinalFailure, isLastAttempt, JobEvents, JobRun } from '@loris/engine';
import { describeFinalFailure } from '../../soundtracks/jobs/job-failure';
import { toVideoView, VIDEO_INGEST_TOPIC } from '../curation.views';

/** Why a video ended FAILED, as the curator reads it. */
export interface VideoFailure {
  code: string;
  reason: string;
}

/** How a run that threw is to be read: the handler knows its own cancel and refusal errors. */
export interface RunError {
  /** A cancel stopped the run. */
  cancelled: boolean;
  /** The input cannot give segments: failed at once, never retried. */
  refusal: VideoFailure | null;
}

/** How one kind of video job names itself in the log and what the curator reads when it fails. */
export interface VideoJobTerms {
  /** How the log names the video ("video", "imported video"). */
  what: string;
  /** The failure code of a last attempt that failed for a reason of ours. */
  failedCode: string;
  /** The reason for a failure of ours: what the curator does next. */
  ourFault: string;
  /** The reason when the job's workers kept dying (Bull's stall limit). */
  stalledReason: string;
}

/** Locks the video's row for the rest of the caller's transaction (a cancel takes the same lock). */
export function lockVideo(m: EntityManager, id: string): Promise<VideoEntity | null> {
  return m.findOne(VideoEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * The video row's life that every job making a video's segments shares (ingest of a video, import of a
 * segment): claimed INGESTING under its row lock, ended only while a cancel has not ended it first, every
 * change published to the video's subscribers. One place, so both jobs answer cancels, retries and Bull's
 * give-ups alike.
 */
export class VideoJobLifecycle {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly events: JobEvents,
    private readonly logger: Logger,
    private readonly terms: VideoJobTerms,
  ) {}

  /**
   * Claims the video for one more attempt and reads with `load` what the job needs, in one transaction
   * under the video's row lock, then tells its subscribers it is INGESTING. Undefined when there is
   * nothing to do (gone, cancelled or already ended). `written`: the segments an earlier run stored.
   */
  async start<J extends { written: number }>(
    tenantId: string,
    videoId: string,
    load: (m: EntityManager, video: VideoEntity) => Promise<J>,
  ): Promise<(J & { video: VideoEntity }) | undefined> {
    const started = await this.uow.run(tenantId, async (m) => {
      const video = await this.claim(m, videoId);
      if (!video) return undefined;
      const loaded = await load(m, video);
      return { ...loaded, video: await m.save(video) };
    });
    if (started) await this.publish(started.video, started.written);
    return started;
  }

  /**
   * One run of the job. `started` is what the handler claimed (undefined: nothing to do, so the run is
   * skipped). `work` runs while a cancel of the video aborts `abort`, then the video ends READY; an error
   * it throws ends the video as `readError` reads it, or is rethrown so that Bull runs the job again.
   */
  async runClaimed<S extends { video: VideoEntity }>(
    started: S | undefined,
    run: JobRun,
    work: (started: S, abort: AbortController) => Promise<void>,
    readError: (error: unknown, aborted: boolean) => RunError,
  ): Promise<void> {
    if (!started) {
      run.report?.ended({ outcome: 'skipped' });
      return;
    }
    const { video } = started;
    const abort = new AbortController();
    const stopListening = await this.events.onCancel(VIDEO_INGEST_TOPIC, video.id, () => abort.abort());
    try {
      await work(started, abort);
      await this.end(video, { status: VideoStatus.READY, progress: 1 });
    } catch (error) {
      await this.endAfterError(video, run, error, readError(error, abort.signal.aborted));
    } finally {
      await stopListening();
    }
  }

  /**
   * Ends a run that threw: CANCELLED after a cancel, FAILED with the refusal's reason, or FAILED as our
   * fault on the last attempt. Any other error is rethrown so that Bull runs the job again.
   */
  private async endAfterError(
    video: VideoEntity,
    run: JobRun,
    error: unknown,
    read: RunError,
  ): Promise<void> {
    if (read.cancelled) {
      run.report?.ended({ outcome: 'cancelled' });
      await this.end(video, { status: VideoStatus.CANCELLED });
      return;
    }
    if (!read.refusal && !isLastAttempt(run)) {
      this.logger.warn(
        `video ${video.id} attempt ${run.attempt} failed, retrying: ${(error as Error).message}`,
      );
      throw error;
    }
    if (!read.refusal) this.logger.error(`video ${video.id} failed: ${(error as Error).stack ?? error}`);
    const failure = read.refusal ?? { code: this.terms.failedCode, reason: this.terms.ourFault };
    run.report?.ended({ outcome: 'failed', code: failure.code });
    await this.end(video, {
      status: VideoStatus.FAILED,
      failureCode: failure.code,
      failureReason: failure.reason,
    });
  }

  /** Bull gave the job up without handle() ending it (its workers kept dying, or its last run threw early). */
  async endGivenUp(
    { tenantId, videoId }: { tenantId: string; videoId: string },
    failure: FinalFailure,
  ): Promise<void> {
    this.logger.error(
      `${this.terms.what} ${videoId} given up by the queue (${failure.cause}): ${failure.reason}`,
    );
    const lost = describeFinalFailure(failure);
    const video = await this.uow.run(tenantId, (m) => m.findOneBy(VideoEntity, { id: videoId }));
    if (video) {
      await this.end(video, {
        status: VideoStatus.FAILED,
        failureCode: lost.code,
        failureReason: failure.cause === 'stalled' ? this.terms.stalledReason : this.terms.ourFault,
      });
    }
  }

  /**
   * In the caller's transaction: the locked video marked INGESTING for one more attempt (not yet saved, so
   * the caller may read what else it needs first); undefined when there is nothing to do (gone, cancelled
   * or already ended).
   */
  private async claim(m: EntityManager, videoId: string): Promise<VideoEntity | undefined> {
    const video = await lockVideo(m, videoId);
    if (video?.status !== VideoStatus.QUEUED && video?.status !== VideoStatus.INGESTING) return undefined;
    video.status = VideoStatus.INGESTING;
    video.startedAt ??= new Date();
    video.attempts += 1;
    return video;
  }

  /** Ends the video as `end` says, only if it is still QUEUED or INGESTING (a cancel may have ended it). */
  async end(video: VideoEntity, end: Partial<VideoEntity>): Promise<void> {
    const ended = await this.uow.run(video.tenantId, async (m) => {
      const row = await lockVideo(m, video.id);
      if (row?.status !== VideoStatus.INGESTING && row?.status !== VideoStatus.QUEUED) return undefined;
      Object.assign(row, end, { finishedAt: new Date() });
      return { row: await m.save(row), count: await m.countBy(SegmentEntity, { videoId: video.id }) };
    });
    if (ended) await this.publish(ended.row, ended.count);
  }

  /**
   * Tells the video's subscribers how it stands; `progress` overrides the row's. A lost update is only
   * logged: the row is the truth, and the job must not fail because Redis blinked.
   */
  async publish(video: VideoEntity, segmentCount = 0, progress?: number): Promise<void> {
    const view = toVideoView(video, segmentCount);
    if (progress !== undefined) view.progress = progress;
    await this.events
      .publishUpdate(VIDEO_INGEST_TOPIC, video.id, view)
      .catch((error: Error) =>
        this.logger.warn(`update of video ${video.id} not published: ${error.message}`),
      );
  }
}
