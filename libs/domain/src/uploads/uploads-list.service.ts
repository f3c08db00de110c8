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
  uploadedBy: UploaderKind;
  /** The member's email while they are in the workspace (every member may list the members). */
  uploaderEmail: string | null;
}

/**
 * Who sent an upload. An API key's name is left out: only owners may list keys. FORMER_MEMBER: the member
 * left or was removed, or the account was deleted (then no one is named, and the app deletes no key).
 */
export enum UploaderKind {
  MEMBER = 'MEMBER',
  FORMER_MEMBER = 'FORMER_MEMBER',
  API_KEY = 'API_KEY',
}

interface UploadRow {
  id: string;
  kind: UploadKind;
  file_name: string | null;
  bytes: string;
  media_type: string;
  duration_seconds: number | null;
  created_at: Date;
  by_key: boolean;
  /** Null once the uploader is no member: row-level security shows a tenant only its members' users. */
  email: string | null;
}

/**
 * The workspace's uploads, newest first, optionally of some kinds: the artifacts POST /v1/uploads marked
 * `uploaded`, never what the worker writes (results, stimuli, a segment's files). An upload stays listed
 * when its uploader is gone, named as a former member.
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
        `SELECT a.id, a.kind, a.file_name, a.bytes, a.media_type, a.duration_seconds, a.created_at,
                a.created_by_api_key IS NOT NULL AS by_key, u.email
           FROM artifacts a LEFT JOIN users u ON u.id = a.created_by
          WHERE a.uploaded AND a.kind = ANY($1::artifact_kind[])
            AND ($3::timestamptz IS NULL OR (a.created_at, a.id) < ($3, $4::uuid))
          ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
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
        uploadedBy: row.by_key
          ? UploaderKind.API_KEY
          : row.email
            ? UploaderKind.MEMBER
            : UploaderKind.FORMER_MEMBER,
        uploaderEmail: row.by_key ? null : row.email,
      }),
    );
  }
}
