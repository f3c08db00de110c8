import { Inject, Injectable } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArtifactEntity,
  EvaluationSampleEntity,
  isUuid,
  SegmentEntity,
  TenantUnitOfWork,
  VideoEntity,
} from '@loris/db';
import { BLOB_STORE, NotFoundError, TenantContext } from '@loris/engine';
import { muxAudio } from '@loris/media';
import { BlobStore } from '@loris/storage';

export class EvaluationSampleNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Evaluation sample ${id} was not found`);
  }
}

export class SampleHasNoVideoError extends NotFoundError {
  constructor(id: string) {
    super(
      `The segment of evaluation sample ${id} has no video (it was imported without one); listen to its WAV`,
    );
  }
}

/** A muxed MP4 in a temp directory; dispose() removes it. */
export interface MuxedSample {
  path: string;
  fileName: string;
  dispose(): Promise<void>;
}

/**
 * Listening to a sample with its picture: the segment's part of its source video with the generated audio
 * (or the ground truth's) muxed in, made on request (a few seconds of ffmpeg for 25 s at console sizes)
 * rather than stored for every sample of every run.
 */
@Injectable()
export class EvaluationMediaService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async muxSample(
    caller: TenantContext,
    sampleId: string,
    audio: 'generated' | 'ground-truth',
  ): Promise<MuxedSample> {
    if (!isUuid(sampleId)) throw new EvaluationSampleNotFoundError(sampleId);
    const found = await this.uow.run(caller.tenantId, async (m) => {
      const sample = await m.findOneBy(EvaluationSampleEntity, { id: sampleId });
      if (!sample) return undefined;
      const segment = await m.findOneByOrFail(SegmentEntity, { id: sample.segmentId });
      const video = await m.findOneByOrFail(VideoEntity, { id: segment.videoId });
      const source = video.sourceArtifactId
        ? await m.findOneBy(ArtifactEntity, { id: video.sourceArtifactId })
        : null;
      const wav = await m.findOneByOrFail(ArtifactEntity, {
        id: audio === 'generated' ? sample.audioArtifactId : segment.wavArtifactId,
      });
      return { segment, source, wav };
    });
    if (!found) throw new EvaluationSampleNotFoundError(sampleId);
    if (!found.source) throw new SampleHasNoVideoError(sampleId);
    const dir = await mkdtemp(join(tmpdir(), 'loris-eval-mux-'));
    const dispose = () => rm(dir, { recursive: true, force: true });
    try {
      const path = join(dir, 'sample.mp4');
      const video = found.source;
      await this.store.withLocalFile(found.wav.sha256, (wavPath) =>
        this.store.withLocalFile(video.sha256, (videoPath) =>
          muxAudio(videoPath, wavPath, path, { videoStartSeconds: found.segment.startSeconds }),
        ),
      );
      return { path, fileName: `sample-${sampleId}-${audio}.mp4`, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }
}
