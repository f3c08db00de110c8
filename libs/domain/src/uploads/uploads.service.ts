import { Inject, Injectable } from '@nestjs/common';
import { ArtifactEntity, ArtifactKind, TenantUnitOfWork } from '@loris/db';
import { APP_CONFIG, AppConfig, BLOB_STORE, TenantContext } from '@loris/engine';
import { InferenceError, measurePoseTrackOffThread, PoseTrackMeasure } from '@loris/inference';
import { InvalidMedia, probeMedia } from '@loris/media';
import { InvalidPoseTrack } from '@loris/rhythm';
import { BlobStore, BlobTooLarge, StoredBlob } from '@loris/storage';
import { AuditService } from '../audit/audit.service';
import { checkI3dHeader, parseWavHeader, SNIFF_BYTES, sniffKind } from './sniff-upload';
import { InvalidUploadError, UploadTooLargeError } from './uploads.exception';

/** The answer of POST /v1/uploads. */
export interface UploadResult {
  id: string;
  kind: ArtifactKind;
  sha256: string;
  bytes: number;
  mediaType: string;
  /** The file's own name as the uploader gave it (X-File-Name), sanitised; null when none was given. */
  fileName: string | null;
  /** Seconds a pose track or video covers: a request for it defaults to this length (capped). */
  durationSeconds: number | null;
  /** A pose track's or I3D features' frames; null for a video or a WAV. */
  frames: number | null;
  /** Frames per second of a pose track or a video. */
  fps: number | null;
  /** A video's display size (rotation applied); null for the rest. */
  width: number | null;
  height: number | null;
}

/**
 * What the checks of an upload learned about it. Only the kind, type and length are stored (the length
 * bounds every request made of the upload); frames, fps and size are told to the uploader alone, to show
 * and to size a request with: nothing on the server reads them later, and a content-addressed blob can
 * be measured again if something ever does.
 */
interface Described {
  stored: Pick<ArtifactEntity, 'kind' | 'mediaType' | 'durationSeconds'>;
  measured: Pick<UploadResult, 'frames' | 'fps' | 'width' | 'height'>;
}

const NOT_MEASURED: Described['measured'] = { frames: null, fps: null, width: null, height: null };

// Pose tracks are parsed whole, so they get a smaller ceiling than videos: 25 s at 60 fps is under 1 MB.
const MAX_POSE_JSON_BYTES = 64 * 1024 * 1024;

const VIDEO_TYPES: Record<string, string> = {
  mov: 'video/mp4',
  mp4: 'video/mp4',
  avi: 'video/x-msvideo',
  matroska: 'video/webm',
  webm: 'video/webm',
  mpeg: 'video/mpeg',
  ogg: 'video/ogg',
};

@Injectable()
export class UploadsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Streams the body into the blob store, then decides and checks its kind from the stored bytes. A file
   * that fails is deleted again: its blob can be no one else's, since the same bytes fail the same checks.
   * `fileName` (already sanitised, uploadFileName) is only kept, to show and to name downloads.
   */
  async upload(
    caller: TenantContext,
    body: NodeJS.ReadableStream,
    declaredBytes?: number,
    fileName: string | null = null,
  ): Promise<UploadResult> {
    // A body announced as too large is refused before a byte of it is read or stored.
    if (declaredBytes !== undefined && declaredBytes > this.config.uploads.maxBytes) {
      throw new UploadTooLargeError(this.config.uploads.maxBytes);
    }
    let blob: StoredBlob;
    try {
      blob = await this.store.put(body, { maxBytes: this.config.uploads.maxBytes });
    } catch (error) {
      if (error instanceof BlobTooLarge) throw new UploadTooLargeError(this.config.uploads.maxBytes);
      throw error;
    }
    let described: Described;
    try {
      if (blob.bytes === 0) throw new InvalidUploadError('EMPTY', 'The upload is empty');
      described = await this.describe(blob, fileName);
    } catch (error) {
      await this.store.delete(blob.sha256);
      throw error;
    }
    const artifact = await this.uow.run(caller.tenantId, (m) =>
      m.save(
        m.create(ArtifactEntity, {
          tenantId: caller.tenantId,
          ...described.stored,
          fileName,
          sha256: blob.sha256,
          bytes: blob.bytes,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
          uploaded: true,
        }),
      ),
    );
    this.audit.record(
      caller,
      'upload.created',
      { type: 'artifact', id: artifact.id },
      {
        kind: artifact.kind,
        bytes: blob.bytes,
      },
    );
    return {
      id: artifact.id,
      kind: artifact.kind,
      sha256: blob.sha256,
      bytes: blob.bytes,
      mediaType: artifact.mediaType,
      fileName: artifact.fileName,
      durationSeconds: artifact.durationSeconds,
      ...described.measured,
    };
  }

  private async describe(blob: StoredBlob, fileName: string | null): Promise<Described> {
    const head = await this.read(blob.sha256, Math.min(blob.bytes, SNIFF_BYTES));
    const kind = sniffKind(head);
    if (kind === ArtifactKind.WAV) {
      const header = parseWavHeader(head);
      if (typeof header === 'string')
        throw new InvalidUploadError('WAV_INVALID', `The WAV file is not usable: ${header}`);
      return { stored: { kind, mediaType: 'audio/wav', durationSeconds: null }, measured: NOT_MEASURED };
    }
    if (kind === ArtifactKind.I3D_FEATURES) {
      const checked = checkI3dHeader(head, blob.bytes);
      if (typeof checked === 'string')
        throw new InvalidUploadError('NPY_INVALID', `The .npy file is not usable I3D features: ${checked}`);
      return {
        stored: { kind, mediaType: 'application/x-npy', durationSeconds: null },
        measured: { ...NOT_MEASURED, frames: checked.frames },
      };
    }
    if (kind === ArtifactKind.POSES) {
      const { seconds, frames, fps } = await this.checkPoses(blob);
      return {
        stored: { kind, mediaType: 'application/json', durationSeconds: seconds },
        measured: { ...NOT_MEASURED, frames, fps },
      };
    }
    const probe = await this.store
      // Messages name the file as its sender knows it, not by the blob's address.
      .withLocalFile(blob.sha256, (path) => probeMedia(path, { name: fileName ?? 'upload' }))
      .catch((error: unknown) => {
        if (error instanceof InvalidMedia) {
          throw new InvalidUploadError(error.code, `The upload is not a usable video: ${error.message}`);
        }
        throw error;
      });
    if (!probe.video) {
      throw new InvalidUploadError(
        'MEDIA_NO_VIDEO',
        'The upload has no video stream; send a video, a WAV or a pose track',
      );
    }
    const format = probe.format.split(',').find((name) => VIDEO_TYPES[name]);
    const { width, height, fps } = probe.video;
    return {
      stored: {
        kind,
        mediaType: format ? VIDEO_TYPES[format] : 'application/octet-stream',
        durationSeconds: probe.durationSeconds,
      },
      measured: { frames: null, fps, width, height },
    };
  }

  /**
   * Parses and checks the track as generation will (libs/inference), on a thread of its own so a large
   * track does not stall the API, and refuses one longer than the longest request; returns its length.
   */
  private async checkPoses(blob: StoredBlob): Promise<PoseTrackMeasure> {
    if (blob.bytes > MAX_POSE_JSON_BYTES) {
      throw new InvalidUploadError(
        'POSE_TRACK_TOO_LARGE',
        `A pose track may be at most ${MAX_POSE_JSON_BYTES} bytes`,
      );
    }
    try {
      return await measurePoseTrackOffThread(await this.read(blob.sha256, blob.bytes));
    } catch (error) {
      if (error instanceof InvalidPoseTrack) throw new InvalidUploadError(error.code, error.message);
      if (error instanceof InferenceError) {
        throw new InvalidUploadError(
          'POSE_TRACK_NOT_JSON',
          'The pose track is not valid JSON; expected {fps, keypoints}',
        );
      }
      throw error;
    }
  }

  private async read(sha256: string, bytes: number): Promise<Buffer> {
    if (bytes === 0) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256, { start: 0, end: bytes - 1 })) {
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
}
