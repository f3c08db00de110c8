import { Injectable } from '@nestjs/common';
import { TenantUnitOfWork } from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';

/** The kinds POST /v1/uploads stores (sniffed from the bytes): the upload kinds of ArtifactKind. */
export enum UploadKind {
  POSES = 'POSES',
  WAV = 'WAV',
  VIDEO = 'VIDEO',
  I3D_FEATURES = 'I3D_FEATURES',
}

/** One of the workspace's uploads as a list shows it, to pick it again (a clip for a campaign, say). */
export interface UploadView {
  id: string;
  kind: UploadKind;
  fileName: string | null;
  bytes: number;
  mediaType: string;
  durationSeconds: number | null;
  createdAt: Date;
}

interface UploadRow {
  id: string;
  kind: UploadKind;
  file_name: string | null;
  bytes: string;
  media_type: string;
  duration_seconds: number | null;
  created_at: Date;
}

/**
 * The workspace's uploads, newest first, optionally of some kinds. An upload is an artifact a member or an
 * API key sent (POST /v1/uploads writes who); what the worker writes names no one (results, stimuli) or
 * is of a kind no upload has (a segment's files, which keep the curator who sent its video).
 */
@Injectable()
export class UploadsListService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async list(
    caller: TenantContext,
    kinds: readonly UploadKind[] | null,
    first: number,
    after?: string | null,
  ): Promise<Page<UploadView>> {
    const cursor = cursorAfter(after);
    const wanted = kinds?.length ? [...new Set(kinds)] : Object.values(UploadKind);
    const rows = await this.uow.read(caller.tenantId, (query) =>
      query<UploadRow>(
        `SELECT id, kind, file_name, bytes, media_type, duration_seconds, created_at FROM artifacts
          WHERE kind = ANY($1::artifact_kind[]) AND (created_by IS NOT NULL OR created_by_api_key IS NOT NULL)
            AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
          ORDER BY created_at DESC, id DESC LIMIT $2`,
        [wanted, first + 1, cursor?.createdAt ?? null, cursor?.id ?? null],
      ),
    );
    return pageOf(
      rows,
      first,
      (row) => ({ createdAt: row.created_at, id: row.id }),
      (row) => ({
        id: row.id,
        kind: row.kind,
        fileName: row.file_name,
        bytes: Number(row.bytes),
        mediaType: row.media_type,
        durationSeconds: row.duration_seconds,
        createdAt: row.created_at,
      }),
    );
  }
}
