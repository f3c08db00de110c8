import { Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import {
  ArtifactEntity,
  DatasetEntity,
  SegmentEntity,
  TenantUnitOfWork,
  VideoEntity,
  VideoStatus,
} from '@loris/db';
import { BLOB_STORE, FinalFailure, IngestVideoJobData, JobEvents, JobRun } from '@loris/engine';
import { InvalidMedia, MediaCancelled, probeMedia } from '@loris/media';
import { BlobStore } from '@loris/storage';
import { IngestTimings } from './ingest-timings';
import {
  produceSegment,
  ProducedSegment,
  SegmentFile,
  SegmentWindow,
  sliceWindow,
} from './segment-artifacts';
import {
  DEFAULT_INGEST_LIMITS,
  IngestLimits,
  IngestRefusal,
  PlannedSegment,
  planSegments,
} from './segment-plan';
import { lockVideo, VideoJobLifecycle } from './video-job-lifecycle';

/** A video the job will not cut, with the reason the curator reads. */
class IngestRefused extends Error {
  constructor(readonly refusal: IngestRefusal) {
    super(refusal.reason);
  }
}

/** The job's view of the video it works on. */
interface Ingesting {
  video: VideoEntity;
  dataset: DatasetEntity;
  source: ArtifactEntity;
}

const OUR_FAULT = 'The video could not be ingested because of a fault on our side; add it again';
// Live progress (pose frames) is published at most this often; rows are written once per segment.
const PUBLISH_MS = 500;

/**
 * The ingest job (issue 14): probes the video, refuses it with a reason when it cannot give segments, cuts
 * the dataset's segments (segment-plan.ts), and makes each one's files (segment-artifacts.ts). Each
 * segment is stored on its own: its blobs first (content-addressed), then its artifact rows and segment
 * row in one transaction under the video's row lock, and only while the video is still INGESTING. So a
 * segment row never exists without its files, a cancelled video gets no more segments, and a re-run
 * (a killed worker's job handed to another) skips the segments already written, keyed by (video, start,
 * length), and leaves no duplicate.
 */
@Injectable()
export class IngestVideoHandler {
  private readonly lifecycle: VideoJobLifecycle;

  constructor(
    private readonly uow: TenantUnitOfWork,
    events: JobEvents,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {
    this.lifecycle = new VideoJobLifecycle(uow, events, new Logger('IngestVideo'), {
      what: 'video',
      failedCode: 'INGEST_FAILED',
      ourFault: OUR_FAULT,
      stalledReason: 'The workers ingesting this video stopped more than once; add it again',
    });
  }

  /** `timings` collects seconds per stage (npm run bench:ingest); `limits` bounds what is ingested. */
  async handle(
    { tenantId, videoId }: IngestVideoJobData,
    run: JobRun,
    timings = new IngestTimings(),
    limits: IngestLimits = DEFAULT_INGEST_LIMITS,
  ): Promise<void> {
    const started = await this.start(tenantId, videoId);
    await this.lifecycle.runClaimed(
      started,
      run,
      (job, abort) =>
        this.store.withLocalFile(job.source.sha256, (path) => this.ingest(job, path, abort, timings, limits)),
      (error, aborted) => ({
        cancelled: aborted || error instanceof MediaCancelled,
        refusal:
          error instanceof IngestRefused
            ? error.refusal
            : error instanceof InvalidMedia
              ? { code: error.code, reason: error.message }
              : null,
      }),
    );
  }

  /** Bull gave the job up without handle() ending it (its workers kept dying, or its last run threw early). */
  onFinalFailure(data: IngestVideoJobData, failure: FinalFailure): Promise<void> {
    return this.lifecycle.endGivenUp(data, failure);
  }

  /** Marks the video INGESTING; undefined when there is nothing to do (gone, cancelled or already ended). */
  private start(tenantId: string, videoId: string): Promise<Ingesting | undefined> {
    return this.lifecycle.start(tenantId, videoId, async (m, video) => ({
      dataset: await m.findOneByOrFail(DatasetEntity, { id: video.datasetId }),
      source: await m.findOneByOrFail(ArtifactEntity, { id: video.sourceArtifactId! }),
      written: await m.countBy(SegmentEntity, { videoId }),
    }));
  }

  private async ingest(
    job: Ingesting,
    path: string,
    abort: AbortController,
    timings: IngestTimings,
    limits: IngestLimits,
  ): Promise<void> {
    const { video, dataset, source } = job;
    const signal = abort.signal;
    const probe = await timings.time('probe', () => probeMedia(path, { signal }));
    Object.assign(video, {
      durationSeconds: probe.durationSeconds,
      fps: probe.video?.fps ?? null,
      width: probe.video?.width ?? null,
      height: probe.video?.height ?? null,
      hasAudio: probe.audio !== undefined,
    });
    const plan = planSegments(
      {
        durationSeconds: probe.durationSeconds,
        hasVideo: !!probe.video,
        hasAudio: !!probe.audio,
        bytes: source.bytes,
      },
      dataset,
      limits,
    );
    const existing = await this.saveProbe(video, abort);
    if ('refusal' in plan) throw new IngestRefused(plan.refusal);
    const key = (s: PlannedSegment) => `${s.startSeconds}/${s.lengthSeconds}`;
    // Longest first at each start, so a 25 s half of a 50 s segment reuses its poses and audio.
    const todo = plan.segments
      .filter((s) => !existing.has(key(s)))
      .sort((a, b) => a.startSeconds - b.startSeconds || b.lengthSeconds - a.lengthSeconds);
    let done = plan.segments.length - todo.length;
    const total = plan.segments.length;
    let lastPublish = 0;
    let cover: SegmentWindow | undefined;
    for (const segment of todo) {
      if (signal.aborted) throw new MediaCancelled();
      const { produced, window } = await produceSegment(
        {
          path,
          poseFps: dataset.poseFps,
          signal,
          onPoseShare: (share) => {
            if (Date.now() - lastPublish < PUBLISH_MS) return;
            lastPublish = Date.now();
            video.progress = Math.min(1, (done + share) / total);
            void this.lifecycle.publish(video, done);
          },
        },
        segment,
        timings,
        cover,
      );
      // A window read afresh covers what follows; a slice leaves the longer window in place.
      if (!cover || !sliceWindow(cover, segment, dataset.poseFps)) cover = window;
      done += 1;
      await timings.time('storageAndDatabase', () =>
        this.storeSegment(job, segment, produced, done / total, abort),
      );
      await this.lifecycle.publish(video, done);
    }
  }

  /** Writes the probe's facts while the video is INGESTING; returns the keys of the segments already written. */
  private async saveProbe(video: VideoEntity, abort: AbortController): Promise<Set<string>> {
    const written = await this.uow.run(video.tenantId, async (m) => {
      const row = await lockVideo(m, video.id);
      if (row?.status !== VideoStatus.INGESTING) return undefined;
      await m.update(
        VideoEntity,
        { id: video.id },
        {
          durationSeconds: video.durationSeconds,
          fps: video.fps,
          width: video.width,
          height: video.height,
          hasAudio: video.hasAudio,
        },
      );
      const rows = await m.find(SegmentEntity, {
        where: { videoId: video.id },
        select: { startSeconds: true, lengthSeconds: true },
      });
      return new Set(rows.map((s) => `${s.startSeconds}/${s.lengthSeconds}`));
    });
    if (!written) {
      abort.abort();
      throw new MediaCancelled();
    }
    await this.lifecycle.publish(video, written.size);
    return written;
  }

  /**
   * Stores a segment's blobs, then its rows in one transaction holding the video's row lock: only onto an
   * INGESTING video (a cancel that won stops the run) and only when no run wrote this segment meanwhile.
   */
  private async storeSegment(
    job: Ingesting,
    segment: PlannedSegment,
    produced: ProducedSegment,
    progress: number,
    abort: AbortController,
  ): Promise<void> {
    const { video, dataset } = job;
    const files = {
      wav: produced.wav,
      poses: produced.poses,
      poseFeatures: produced.poseFeatures,
      visualRhythm: produced.visualRhythm,
      onsets: produced.onsets,
      thumbnail: produced.thumbnail,
    };
    const stored = new Map<SegmentFile, { sha256: string; bytes: number }>();
    for (const file of Object.values(files)) {
      if (file) stored.set(file, await this.store.put(Readable.from([Buffer.from(file.bytes)])));
    }
    const written = await this.uow.run(video.tenantId, async (m) => {
      const row = await lockVideo(m, video.id);
      if (row?.status !== VideoStatus.INGESTING) return false;
      const already = await m.existsBy(SegmentEntity, {
        videoId: video.id,
        startSeconds: segment.startSeconds,
        lengthSeconds: segment.lengthSeconds,
      });
      if (!already) {
        const artifact = async (file: SegmentFile | null) =>
          file
            ? (
                await m.save(
                  m.create(ArtifactEntity, {
                    tenantId: video.tenantId,
                    kind: file.kind,
                    mediaType: file.mediaType,
                    ...stored.get(file)!,
                    durationSeconds: segment.lengthSeconds,
                    createdBy: video.createdBy,
                    createdByApiKey: video.createdByApiKey,
                  }),
                )
              ).id
            : null;
        await m.insert(SegmentEntity, {
          tenantId: video.tenantId,
          videoId: video.id,
          datasetId: dataset.id,
          startSeconds: segment.startSeconds,
          lengthSeconds: segment.lengthSeconds,
          category: dataset.category,
          flags: produced.flags,
          syncFMeasure: produced.syncFMeasure,
          wavArtifactId: (await artifact(files.wav))!,
          posesArtifactId: await artifact(files.poses),
          poseFeaturesArtifactId: await artifact(files.poseFeatures),
          visualRhythmArtifactId: await artifact(files.visualRhythm),
          onsetsArtifactId: await artifact(files.onsets),
          thumbnailArtifactId: await artifact(files.thumbnail),
        });
      }
      await m.update(VideoEntity, { id: video.id }, { progress });
      return true;
    });
    if (!written) {
      abort.abort();
      throw new MediaCancelled();
    }
    video.progress = progress;
  }
}
