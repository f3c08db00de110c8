import { Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { downmixToMono, InvalidWav, readWav, resample } from '@loris/audio';
import {
  ArtifactEntity,
  DatasetEntity,
  SegmentEntity,
  SegmentImportEntity,
  TenantUnitOfWork,
  VideoEntity,
  VideoStatus,
} from '@loris/db';
import {
  BLOB_STORE,
  FinalFailure,
  IngestSegmentJobData,
  isLastAttempt,
  JobEvents,
  JobRun,
} from '@loris/engine';
import { MODEL_SAMPLE_RATE } from '@loris/media';
import { BlobStore } from '@loris/storage';
import { describeFinalFailure } from '../../soundtracks/jobs/job-failure';
import { toVideoView, VIDEO_INGEST_TOPIC } from '../curation.views';
import { IMPORT_LENGTH_TOLERANCE } from '../segment-imports.service';
import { IngestTimings } from './ingest-timings';
import { analyseSegment, AnalysedSegment, SegmentFile } from './segment-artifacts';

/** An imported segment the job will not make, with the reason the curator reads. */
class ImportRefused extends Error {
  constructor(
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Stopped by a cancel (or its video no longer INGESTING). */
class ImportCancelled extends Error {}

/** The job's view of the imported segment it works on. */
interface Importing {
  video: VideoEntity;
  dataset: DatasetEntity;
  parts: SegmentImportEntity;
  audio: ArtifactEntity;
  poses: ArtifactEntity;
  i3d: ArtifactEntity | null;
  /** Whether an earlier run already wrote the segment. */
  written: boolean;
}

const OUR_FAULT = 'The segment could not be imported because of a fault on our side; import it again';

/**
 * The ingest-segment job (issue 14): an imported segment (a LORIS release item or a manifest line) made into
 * a segment of its dataset. Its WAV is checked against the segment's length and made 22050 Hz mono; its
 * poses are taken as given (no pose estimation); the pose features, visual rhythm, onsets and sync cue are
 * computed as for an ingested video (analyseSegment); its I3D features, when imported, are kept as they
 * are. It has no thumbnail: there is no video to take one from. As with ingest: blobs first, then the
 * artifact and segment rows in one transaction under the video's row lock and only while it is INGESTING,
 * so a re-run finds the segment written and a cancel that won leaves none.
 */
@Injectable()
export class IngestSegmentHandler {
  private readonly logger = new Logger('IngestSegment');

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly events: JobEvents,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async handle(
    { tenantId, videoId }: IngestSegmentJobData,
    run: JobRun,
    timings = new IngestTimings(),
  ): Promise<void> {
    const started = await this.start(tenantId, videoId);
    if (!started) {
      run.report?.ended({ outcome: 'skipped' });
      return;
    }
    const abort = new AbortController();
    const stopListening = await this.events.onCancel(VIDEO_INGEST_TOPIC, videoId, () => abort.abort());
    try {
      // A killed worker's run that stored the segment before it could end the video: nothing to redo.
      if (started.written) {
        await this.end(started.video, { status: VideoStatus.READY, progress: 1 });
        return;
      }
      const made = await this.make(started, timings);
      if (abort.signal.aborted) throw new ImportCancelled();
      await this.publish(started.video, 0, 0.5);
      await timings.time('storageAndDatabase', () => this.storeSegment(started, made));
      await this.end(started.video, { status: VideoStatus.READY, progress: 1 });
    } catch (error) {
      if (abort.signal.aborted || error instanceof ImportCancelled) {
        run.report?.ended({ outcome: 'cancelled' });
        await this.end(started.video, { status: VideoStatus.CANCELLED });
        return;
      }
      const refusal = error instanceof ImportRefused ? { code: error.code, reason: error.message } : null;
      if (!refusal && !isLastAttempt(run)) {
        this.logger.warn(
          `video ${videoId} attempt ${run.attempt} failed, retrying: ${(error as Error).message}`,
        );
        throw error;
      }
      if (!refusal) this.logger.error(`video ${videoId} failed: ${(error as Error).stack ?? error}`);
      const failure = refusal ?? { code: 'IMPORT_FAILED', reason: OUR_FAULT };
      run.report?.ended({ outcome: 'failed', code: failure.code });
      await this.end(started.video, {
        status: VideoStatus.FAILED,
        failureCode: failure.code,
        failureReason: failure.reason,
      });
    } finally {
      await stopListening();
    }
  }

  /** Bull gave the job up without handle() ending it (its workers kept dying, or its last run threw early). */
  async onFinalFailure({ tenantId, videoId }: IngestSegmentJobData, failure: FinalFailure): Promise<void> {
    this.logger.error(
      `imported video ${videoId} given up by the queue (${failure.cause}): ${failure.reason}`,
    );
    const lost = describeFinalFailure(failure);
    const video = await this.uow.run(tenantId, (m) => m.findOneBy(VideoEntity, { id: videoId }));
    if (video) {
      await this.end(video, {
        status: VideoStatus.FAILED,
        failureCode: lost.code,
        failureReason:
          failure.cause === 'stalled'
            ? 'The workers importing this segment stopped more than once; import it again'
            : OUR_FAULT,
      });
    }
  }

  /** Marks the video INGESTING; undefined when there is nothing to do (gone, cancelled or already ended). */
  private async start(tenantId: string, videoId: string): Promise<Importing | undefined> {
    const started = await this.uow.run(tenantId, async (m) => {
      const video = await lockVideo(m, videoId);
      if (video?.status !== VideoStatus.QUEUED && video?.status !== VideoStatus.INGESTING) return undefined;
      const parts = await m.findOneByOrFail(SegmentImportEntity, { videoId });
      const artifact = (id: string) => m.findOneByOrFail(ArtifactEntity, { id });
      const found = {
        dataset: await m.findOneByOrFail(DatasetEntity, { id: video.datasetId }),
        parts,
        audio: await artifact(parts.audioArtifactId),
        poses: await artifact(parts.posesArtifactId),
        i3d: parts.i3dArtifactId ? await artifact(parts.i3dArtifactId) : null,
      };
      video.status = VideoStatus.INGESTING;
      video.startedAt ??= new Date();
      video.attempts += 1;
      const written = await m.existsBy(SegmentEntity, { videoId });
      return { ...found, written, video: await m.save(video) };
    });
    if (started) await this.publish(started.video, started.written ? 1 : 0);
    return started;
  }

  /** The segment's files from its WAV and poses; refuses (ImportRefused) parts that do not fit. */
  private async make(job: Importing, timings: IngestTimings): Promise<AnalysedSegment> {
    const length = job.parts.lengthSeconds;
    const tolerance = IMPORT_LENGTH_TOLERANCE * length;
    const samples = await timings.time('audio', async () => {
      let wav;
      try {
        wav = readWav(await this.read(job.audio.sha256));
      } catch (error) {
        if (error instanceof InvalidWav)
          throw new ImportRefused('AUDIO_INVALID', `The WAV cannot be read: ${error.message}`);
        throw error;
      }
      const mono = downmixToMono(wav.channels);
      const seconds = mono.length / wav.sampleRate;
      if (Math.abs(seconds - length) > tolerance) {
        throw new ImportRefused(
          'LENGTH_MISMATCH',
          `The audio lasts ${seconds.toFixed(2)} s, not the ${length} s of the segment`,
        );
      }
      // A clip a little long is cut to the segment; one a little short is kept as it is, not padded.
      return resample(mono, wav.sampleRate, MODEL_SAMPLE_RATE).slice(0, length * MODEL_SAMPLE_RATE);
    });
    const track = JSON.parse((await this.read(job.poses.sha256)).toString('utf8').replace(/^\uFEFF/, '')) as {
      fps: number;
      keypoints: number[][][];
    };
    const poseSeconds = track.keypoints.length / track.fps;
    if (Math.abs(poseSeconds - length) > tolerance) {
      throw new ImportRefused(
        'LENGTH_MISMATCH',
        `The pose track lasts ${poseSeconds.toFixed(2)} s, not the ${length} s of the segment`,
      );
    }
    return analyseSegment({ samples, keypoints: track.keypoints }, track.fps, timings);
  }

  /**
   * Stores the segment's blobs, then its rows in one transaction holding the video's row lock: only onto an
   * INGESTING video (a cancel that won stops the run) and only when no run wrote the segment meanwhile.
   */
  private async storeSegment(job: Importing, made: AnalysedSegment): Promise<void> {
    const { video, dataset, parts } = job;
    const files = [made.wav, made.poses, made.poseFeatures, made.visualRhythm, made.onsets];
    const stored = new Map<SegmentFile, { sha256: string; bytes: number }>();
    for (const file of files) {
      if (file) stored.set(file, await this.store.put(Readable.from([Buffer.from(file.bytes)])));
    }
    const written = await this.uow.run(video.tenantId, async (m) => {
      const row = await lockVideo(m, video.id);
      if (row?.status !== VideoStatus.INGESTING) return false;
      if (!(await m.existsBy(SegmentEntity, { videoId: video.id }))) {
        const artifact = async (
          file: Pick<ArtifactEntity, 'kind' | 'mediaType' | 'sha256' | 'bytes'> | null,
        ) =>
          file
            ? (
                await m.save(
                  m.create(ArtifactEntity, {
                    tenantId: video.tenantId,
                    kind: file.kind,
                    mediaType: file.mediaType,
                    sha256: file.sha256,
                    bytes: file.bytes,
                    durationSeconds: parts.lengthSeconds,
                    createdBy: video.createdBy,
                    createdByApiKey: video.createdByApiKey,
                  }),
                )
              ).id
            : null;
        const computed = (file: SegmentFile | null) => artifact(file && { ...file, ...stored.get(file)! });
        await m.insert(SegmentEntity, {
          tenantId: video.tenantId,
          videoId: video.id,
          datasetId: dataset.id,
          startSeconds: 0,
          lengthSeconds: parts.lengthSeconds,
          category: dataset.category,
          genre: parts.genre,
          sourceSplit: parts.sourceSplit,
          flags: made.flags,
          syncFMeasure: made.syncFMeasure,
          wavArtifactId: (await computed(made.wav))!,
          posesArtifactId: await computed(made.poses),
          poseFeaturesArtifactId: await computed(made.poseFeatures),
          visualRhythmArtifactId: await computed(made.visualRhythm),
          onsetsArtifactId: await computed(made.onsets),
          // The uploaded .npy as it is: the segment's own artifact row over the same content-addressed blob.
          i3dArtifactId: await artifact(job.i3d),
          thumbnailArtifactId: null,
        });
      }
      const poses = JSON.parse(Buffer.from(made.poses.bytes).toString('utf8')) as { fps: number };
      await m.update(
        VideoEntity,
        { id: video.id },
        { durationSeconds: parts.lengthSeconds, fps: poses.fps, hasAudio: true, progress: 1 },
      );
      return true;
    });
    if (!written) throw new ImportCancelled();
  }

  /** Ends the video as `end` says, only if it is still QUEUED or INGESTING (a cancel may have ended it). */
  private async end(video: VideoEntity, end: Partial<VideoEntity>): Promise<void> {
    const ended = await this.uow.run(video.tenantId, async (m) => {
      const row = await lockVideo(m, video.id);
      if (row?.status !== VideoStatus.INGESTING && row?.status !== VideoStatus.QUEUED) return undefined;
      Object.assign(row, end, { finishedAt: new Date() });
      return { row: await m.save(row), count: await m.countBy(SegmentEntity, { videoId: video.id }) };
    });
    if (ended) await this.publish(ended.row, ended.count);
  }

  private async publish(video: VideoEntity, segmentCount: number, progress?: number): Promise<void> {
    const view = toVideoView(video, segmentCount);
    if (progress !== undefined) view.progress = progress;
    await this.events
      .publishUpdate(VIDEO_INGEST_TOPIC, video.id, view)
      .catch((error: Error) =>
        this.logger.warn(`update of video ${video.id} not published: ${error.message}`),
      );
  }

  private async read(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256))
      chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
}

function lockVideo(m: EntityManager, id: string): Promise<VideoEntity | null> {
  return m.findOne(VideoEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
