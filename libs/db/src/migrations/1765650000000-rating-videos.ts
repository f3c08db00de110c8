import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MOS campaigns with pictures (issue 17, presentation AUDIO_VIDEO), and the uploads list of the console.
 *
 * - rating_items.video_artifact_id / video_start_seconds: the item's video and where the item starts in it
 *   (a segment's source video at the segment's start, or an uploaded video at 0). A campaign that plays
 *   video is refused at creation when an item has none, so the prepare job never meets one without.
 * - artifacts_uploads_idx: the tenant's own uploads (a member or key made them; the worker's outputs have
 *   neither), newest first per kind, for the `uploads` list the campaign form picks clips from.
 */
export class RatingVideos1765650000000 implements MigrationInterface {
  name = 'RatingVideos1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rating_items
        ADD COLUMN video_artifact_id uuid REFERENCES artifacts (id),
        ADD COLUMN video_start_seconds double precision NOT NULL DEFAULT 0 CHECK (video_start_seconds >= 0);
      CREATE INDEX artifacts_uploads_idx ON artifacts (tenant_id, kind, created_at DESC, id DESC)
        WHERE created_by IS NOT NULL OR created_by_api_key IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS artifacts_uploads_idx;
      ALTER TABLE rating_items DROP COLUMN IF EXISTS video_start_seconds, DROP COLUMN IF EXISTS video_artifact_id;
    `);
  }
}
