import { Inject, Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DatasetEntity, DatasetVersionEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import { BLOB_STORE, TenantContext } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { DatasetVersionNotFoundError } from '../curation.exception';
import {
  exportFileName,
  isExportFormat,
  type ExportedVersion,
  type ExportFormat,
  type ExportPlan,
} from '../formats/export-plan';
import { planLorisExport } from '../formats/loris-export';
import { planManifestExport } from '../formats/manifest-export';
import type { ExportedMember } from '../formats/trainer-manifest';
import { StoredMedia, writeExportTar } from './export-tar';
import {
  DatasetVersionNotFrozenError,
  NothingToExportError,
  UnknownExportFormatError,
} from './version-export.exception';

/** An export planned and checked, ready to stream: nothing has been read from storage yet. */
export interface PreparedExport {
  /** `<dataset>-v<N>-<format>.tar`. */
  fileName: string;
  plan: ExportPlan<StoredMedia>;
  /** Streams the tar into `out`; destroys `out` if it fails midway (see writeExportTar). */
  writeTar(out: Writable): Promise<void>;
}

type MediaName = 'audio' | 'poses' | 'features' | 'rhythm' | 'i3d';

type MemberRow = {
  id: string;
  video_id: string;
  start_seconds: number;
  length_seconds: number;
  category: string;
  genre: string | null;
  flags: string[];
  split: string;
} & { [column in `${MediaName}_${'sha256' | 'bytes'}`]: string | null };

const MEDIA_COLUMNS: Record<MediaName, string> = {
  audio: 'wav_artifact_id',
  poses: 'poses_artifact_id',
  features: 'pose_features_artifact_id',
  rhythm: 'visual_rhythm_artifact_id',
  i3d: 'i3d_artifact_id',
};

/**
 * Exports of frozen dataset versions (issue 14), in the trainer's manifest or the authors' LORIS layout,
 * as one tar streamed from storage. The version's rows are read first, in one transaction under the
 * caller's tenant (row-level security: another workspace's version is not found), and planned, so every
 * refusal is answered before the first byte; only then are the files streamed, one at a time.
 */
@Injectable()
export class VersionExportService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async prepare(caller: TenantContext, versionId: string, format: unknown): Promise<PreparedExport> {
    if (!isExportFormat(format)) throw new UnknownExportFormatError(format);
    if (!isUuid(versionId)) throw new DatasetVersionNotFoundError(versionId);
    const { version, dataset, members } = await this.uow.run(caller.tenantId, async (m) => {
      const version = await m.findOneBy(DatasetVersionEntity, { id: versionId });
      if (!version) throw new DatasetVersionNotFoundError(versionId);
      if (!version.frozenAt) throw new DatasetVersionNotFrozenError(versionId);
      const dataset = await m.findOneByOrFail(DatasetEntity, { id: version.datasetId });
      const rows: MemberRow[] = await m.query(
        `SELECT s.id, s.video_id, s.start_seconds, s.length_seconds, s.category, s.genre, s.flags, m.split,
           ${Object.keys(MEDIA_COLUMNS)
             .map((name) => `${name}.sha256 AS ${name}_sha256, ${name}.bytes AS ${name}_bytes`)
             .join(', ')}
         FROM dataset_version_segments m JOIN segments s ON s.id = m.segment_id
         ${Object.entries(MEDIA_COLUMNS)
           .map(([name, column]) => `LEFT JOIN artifacts ${name} ON ${name}.id = s.${column}`)
           .join('\n')}
         WHERE m.version_id = $1 ORDER BY s.created_at, s.id`,
        [versionId],
      );
      return { version, dataset, members: rows.map(toMember) };
    });
    const exported: ExportedVersion = {
      id: version.id,
      datasetId: version.datasetId,
      number: version.number,
      stats: { segments: members.length },
    };
    const plan =
      format === 'manifest'
        ? planManifestExport(exported, members)
        : planLorisExport(exported, members, { poseFps: dataset.poseFps });
    if (plan.summary.examples === 0) throw new NothingToExportError(format, plan.summary.skipped);
    const mtime = version.frozenAt!;
    return {
      fileName: exportFileName(dataset.name, version.number, format as ExportFormat),
      plan,
      writeTar: (out) =>
        writeExportTar(plan.entries, (media) => this.store.createReadStream(media.sha256), out, mtime),
    };
  }
}

function toMember(row: MemberRow): ExportedMember<StoredMedia> {
  const media = (name: MediaName): StoredMedia | null => {
    const sha256 = row[`${name}_sha256`];
    return sha256 ? { sha256, bytes: Number(row[`${name}_bytes`]) } : null;
  };
  return {
    split: row.split,
    segment: {
      id: row.id,
      videoId: row.video_id,
      startSeconds: row.start_seconds,
      lengthSeconds: row.length_seconds,
      category: row.category,
      genre: row.genre,
      flags: row.flags,
      audio: media('audio')!,
      poses: media('poses'),
      poseFeatures: media('features'),
      visualRhythm: media('rhythm'),
      i3dFeatures: media('i3d'),
    },
  };
}
