import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  ArtifactEntity,
  ArtifactKind,
  DatasetEntity,
  DatasetSplit,
  isUuid,
  SegmentEntity,
  SegmentImportEntity,
  TenantUnitOfWork,
  VideoEntity,
  VideoStatus,
} from '@loris/db';
import { INGEST_SEGMENT, QueueService, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { DatasetNotFoundError } from '../datasets/datasets.exception';
import { InvalidCurationRequestError } from './curation.exception';
import { toVideoView, VideoView } from './curation.views';
import { queueVideoJob, VideoQueueing } from './queue-video-job';
import { MAX_VIDEOS_PER_CALL } from './videos.service';

/** One precomputed segment to import: its uploaded parts and what is known of it. */
export interface ImportSegmentRequest {
  /** Shown as its video's name: the release's file stem or the manifest's id. */
  name: string;
  /** 25 or 50, one of the dataset's segment lengths. */
  lengthSeconds: number;
  /** A WAV upload (any rate and channels: the job makes it 22050 Hz mono). */
  audioUploadId: string;
  /** A pose-track upload ({fps, keypoints}), covering the segment's length. */
  posesUploadId: string;
  /** An I3D features upload (.npy, frames × 1024), when the source has them. */
  i3dUploadId?: string | null;
  genre?: string | null;
  /** The authors' list (or manifest split) it came from: freezeDatasetVersion splitBy SOURCE keeps it. */
  sourceSplit?: DatasetSplit | null;
}

/** The outcome of one item: its video (the segment comes when its job ends), or why it was not taken. */
export interface ImportedSegment {
  name: string;
  video: VideoView | null;
  error: { code: string; message: string } | null;
}

/** How far a pose track's length may stray from the segment's: a clip cut a frame or two off. */
export const IMPORT_LENGTH_TOLERANCE = 0.03;

type ItemError = { error: { code: string; message: string } };

/**
 * importSegments (issue 14): precomputed segments (a LORIS release's items, a manifest's lines) made into a
 * dataset's segments. Each item is checked on its own (its uploads there and of the right kind, its length
 * one of the dataset's, its pose track that long) and answered with its video or its error while the rest
 * go on. An item becomes a `videos` row without a source video plus its segment_imports row, in one
 * transaction, and then an ingest-segment job. The same parts imported again (the same contents, even
 * uploaded anew) answer the first import's video: a re-run of an import adds nothing twice.
 */
@Injectable()
export class SegmentImportsService {
  /** The unit of work, queues and log that queueVideoJob uses for this service's videos. */
  private readonly queueing: VideoQueueing;

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {
    this.queueing = { uow, queues, logger: new Logger(SegmentImportsService.name) };
  }

  async import(
    caller: TenantContext,
    datasetId: string,
    items: ImportSegmentRequest[],
  ): Promise<ImportedSegment[]> {
    if (items.length === 0 || items.length > MAX_VIDEOS_PER_CALL) {
      throw new InvalidCurationRequestError(`items must list 1 to ${MAX_VIDEOS_PER_CALL} segments`);
    }
    if (!isUuid(datasetId)) throw new DatasetNotFoundError(datasetId);
    const created: VideoEntity[] = [];
    const results = await this.uow.run(caller.tenantId, async (m) => {
      const dataset = await m.findOneBy(DatasetEntity, { id: datasetId });
      if (!dataset) throw new DatasetNotFoundError(datasetId);
      const out: ImportedSegment[] = [];
      for (const item of items) {
        const outcome = await this.importOne(m, caller, dataset, item);
        if ('error' in outcome) {
          out.push({ name: item.name, video: null, error: outcome.error });
          continue;
        }
        if (outcome.created) created.push(outcome.video);
        out.push({ name: item.name, video: toVideoView(outcome.video, outcome.segments), error: null });
      }
      return out;
    });
    for (const video of created) {
      this.audit.record(
        caller,
        'segment.imported',
        { type: 'video', id: video.id },
        { datasetId, name: video.name },
      );
      const failed = await queueVideoJob(this.queueing, video, INGEST_SEGMENT, {
        what: 'the import',
        reason: 'The import could not be queued; import the segment again',
      });
      const item = results.find((r) => r.video?.id === video.id);
      if (item && failed) item.video = toVideoView(failed, 0);
    }
    return results;
  }

  private async importOne(
    m: EntityManager,
    caller: TenantContext,
    dataset: DatasetEntity,
    item: ImportSegmentRequest,
  ): Promise<{ video: VideoEntity; created: boolean; segments: number } | ItemError> {
    const refuse = (code: string, message: string): ItemError => ({ error: { code, message } });
    const name = item.name.trim();
    if (name.length < 1 || name.length > 255)
      return refuse('INVALID_NAME', 'its name must be 1 to 255 characters');
    if (!dataset.segmentLengths.includes(item.lengthSeconds)) {
      return refuse(
        'LENGTH_NOT_IN_DATASET',
        `it is a ${item.lengthSeconds} s segment, but the dataset takes ${dataset.segmentLengths.join(' and ')} s segments`,
      );
    }
    if (item.genre != null && !/^\S(.{0,48}\S)?$/su.test(item.genre)) {
      return refuse(
        'INVALID_GENRE',
        'its genre must be 1 to 50 characters, without leading or trailing spaces',
      );
    }
    const audio = await this.upload(m, item.audioUploadId, ArtifactKind.WAV, 'audio', 'a WAV');
    if ('error' in audio) return audio;
    const poses = await this.upload(m, item.posesUploadId, ArtifactKind.POSES, 'poses', 'a pose track');
    if ('error' in poses) return poses;
    const i3d = item.i3dUploadId
      ? await this.upload(m, item.i3dUploadId, ArtifactKind.I3D_FEATURES, 'I3D', 'I3D features (.npy)')
      : null;
    if (i3d && 'error' in i3d) return i3d;
    const seconds = poses.durationSeconds ?? 0;
    if (Math.abs(seconds - item.lengthSeconds) > IMPORT_LENGTH_TOLERANCE * item.lengthSeconds) {
      return refuse(
        'LENGTH_MISMATCH',
        `its pose track lasts ${seconds.toFixed(2)} s, not the ${item.lengthSeconds} s of the segment`,
      );
    }
    const importKey = createHash('sha256')
      .update([item.lengthSeconds, audio.sha256, poses.sha256, i3d?.sha256 ?? ''].join('/'))
      .digest('hex');
    const existing = await m.findOneBy(SegmentImportEntity, { datasetId: dataset.id, importKey });
    if (existing) {
      const video = await m.findOneByOrFail(VideoEntity, { id: existing.videoId });
      return { video, created: false, segments: await m.countBy(SegmentEntity, { videoId: video.id }) };
    }
    const video = await m.save(
      m.create(VideoEntity, {
        tenantId: caller.tenantId,
        datasetId: dataset.id,
        sourceArtifactId: null,
        name,
        status: VideoStatus.QUEUED,
        progress: 0,
        createdBy: caller.userId,
        createdByApiKey: caller.apiKeyId,
      }),
    );
    await m.insert(SegmentImportEntity, {
      videoId: video.id,
      tenantId: caller.tenantId,
      datasetId: dataset.id,
      importKey,
      audioArtifactId: audio.id,
      posesArtifactId: poses.id,
      i3dArtifactId: i3d?.id ?? null,
      lengthSeconds: item.lengthSeconds,
      genre: item.genre ?? null,
      sourceSplit: item.sourceSplit ?? null,
    });
    return { video, created: true, segments: 0 };
  }

  /** The caller's upload of the kind a part needs, or the item's error. */
  private async upload(
    m: EntityManager,
    id: string,
    kind: ArtifactKind,
    part: string,
    what: string,
  ): Promise<ArtifactEntity | ItemError> {
    const upload = isUuid(id) ? await m.findOneBy(ArtifactEntity, { id }) : null;
    if (!upload)
      return { error: { code: 'UPLOAD_NOT_FOUND', message: `its ${part} upload ${id} was not found` } };
    if (upload.kind !== kind) {
      return {
        error: {
          code: 'WRONG_UPLOAD_KIND',
          message: `its ${part} upload ${id} is a ${upload.kind} file, not ${what}`,
        },
      };
    }
    return upload;
  }
}
