import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes an artifact an upload (issue 17's uploads picker).
 *
 * The `uploads` list took "a member or an API key made it" (created_by or created_by_api_key set) for "an
 * upload", as the worker's outputs name no one. Both columns are ON DELETE SET NULL, so an upload whose
 * uploader's account or key row was deleted became indistinguishable from a worker's file and left the
 * list, though it is still the workspace's file. `artifacts.uploaded` is set by POST /v1/uploads alone and
 * outlives the uploader.
 *
 * Backfill: what the list showed until now (an upload kind with a creator), minus the copies the
 * ingest-segment job makes of an imported segment's I3D upload (they carry the curator who imported it),
 * plus uploads already orphaned: every POSES and VIDEO (the worker writes neither kind) and every WAV with
 * the file name it was sent under (the worker names none of its WAVs).
 */
export class UploadMarks1765700000000 implements MigrationInterface {
  name = 'UploadMarks1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE artifacts ADD COLUMN uploaded boolean NOT NULL DEFAULT false;
      UPDATE artifacts a SET uploaded = true
        WHERE a.kind IN ('POSES', 'WAV', 'VIDEO', 'I3D_FEATURES')
          AND (a.created_by IS NOT NULL OR a.created_by_api_key IS NOT NULL
               OR a.kind IN ('POSES', 'VIDEO') OR (a.kind = 'WAV' AND a.file_name IS NOT NULL))
          AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.i3d_artifact_id = a.id);
      DROP INDEX IF EXISTS artifacts_uploads_idx;
      CREATE INDEX artifacts_uploads_idx ON artifacts (tenant_id, kind, created_at DESC, id DESC) WHERE uploaded;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS artifacts_uploads_idx;
      ALTER TABLE artifacts DROP COLUMN IF EXISTS uploaded;
      CREATE INDEX artifacts_uploads_idx ON artifacts (tenant_id, kind, created_at DESC, id DESC)
        WHERE created_by IS NOT NULL OR created_by_api_key IS NOT NULL;
    `);
  }
}
