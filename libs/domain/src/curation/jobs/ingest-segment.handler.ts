import { Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
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
import { BLOB_STORE, FinalFailure, IngestSegmentJobData, JobEvents, JobRun } from '@loris/engine';
import { MODEL_SAMPLE_RATE } from '@loris/media';
import { BlobStore } from '@loris/storage';
import { IMPORT_LENGTH_TOLERANCE } from '../segment-imports.service';
import { IngestTimings } from './ingest-timings';
import { analyseSegment, AnalysedSegment, SegmentFile } from './segment-artifacts';
import { lockVideo, VideoJobLifecycle } from './video-job-lifecycle';

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
  /** Segments an earlier run already wrote (0 or 1). */
  written: number;
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
  private readonly lifecycle: VideoJobLifecycle;

  constructor(
    private readonly uow: TenantUnitOfWork,
    events: JobEvents,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {
    this.lifecycle = new VideoJobLifecycle(uow, events, new Logger('IngestSegment'), {
      what: 'imported video',
      failedCode: 'IMPORT_FAILED',
      ourFault: OUR_FAULT,
      stalledReason: 'The workers importing this segment stopped more than once; import it again',
    });
  }

  async handle(
    { tenantId, videoId }: IngestSegmentJobData,
    run: JobRun,
    timings = new IngestTimings(),
  ): Promise<void> {
    const started = await this.start(tenantId, videoId);
    await this.lifecycle.runClaimed(
      started,
      run,
      async (job, abort) => {
        // A killed worker's run that stored the segment before it could end the video: nothing to redo.
        if (job.written > 0) return;
        const made = await this.make(job, timings);
        if (abort.signal.aborted) throw new ImportCancelled();
        await this.lifecycle.publish(job.video, 0, 0.5);
        await timings.time('storageAndDatabase', () => this.storeSegment(job, made));
      },
      (error, aborted) => ({
        cancelled: aborted || error instanceof ImportCancelled,
        refusal: error instanceof ImportRefused ? { code: error.code, reason: error.message } : null,
      }),
    );
  }

  /** Bull gave the job up without handle() ending it (its workers kept dying, or its last run threw early). */
  onFinalFailure(data: IngestSegmentJobData, failure: FinalFailure): Promise<void> {
    return this.lifecycle.endGivenUp(data, failure);
  }

  /** Marks the video INGESTING; undefined when there is nothing to do (gone, cancelled or already ended). */
  private start(tenantId: string, videoId: string): Promise<Importing | undefined> {
    return this.lifecycle.start(tenantId, videoId, async (m, video) => {
      const parts = await m.findOneByOrFail(SegmentImportEntity, { videoId });
      const artifact = (id: string) => m.findOneByOrFail(ArtifactEntity, { id });
      return {
        dataset: await m.findOneByOrFail(DatasetEntity, { id: video.datasetId }),
        parts,
        audio: await artifact(parts.audioArtifactId),
        poses: await artifact(parts.posesArtifactId),
        i3d: parts.i3dArtifactId ? await artifact(parts.i3dArtifactId) : null,
        written: await m.countBy(SegmentEntity, { videoId }),
      };
    });
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

  private async read(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256))
      chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
}
