import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Importing precomputed segments (issue 14: a LORIS release folder or our training manifest). An imported
 * segment has no video: its `videos` row (source_artifact_id null) carries its name and status, and a
 * `segment_imports` row keeps what the import brought (the WAV, pose-track and I3D uploads, the length,
 * genre and the authors' list it was on) for the ingest-segment job to read. import_key, a digest of the
 * parts' contents, is the idempotency key: the same files imported twice (uploaded again, so under new
 * upload ids) find the first import. segments.source_split keeps the authors' train/test list as a
 * ready-made split (freezeDatasetVersion splitBy SOURCE), and the frozen-segment trigger guards it too.
 */
export class SegmentImports1765200000000 implements MigrationInterface {
  name = 'SegmentImports1765200000000';

  async up(q: QueryRunner): Promise<void> {
    // ADD VALUE may run inside the migration's transaction; nothing below uses the value.
    await q.query(`ALTER TYPE dataset_split_by ADD VALUE IF NOT EXISTS 'SOURCE'`);
    await q.query(`
      ALTER TABLE videos ADD COLUMN name text CHECK (length(name) BETWEEN 1 AND 255);
      -- Ingested videos are named as their upload was.
      UPDATE videos v SET name = a.file_name FROM artifacts a
        WHERE a.id = v.source_artifact_id AND a.file_name IS NOT NULL;

      ALTER TABLE segments ADD COLUMN source_split dataset_split;

      CREATE TABLE segment_imports (
        video_id uuid PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        import_key text NOT NULL,
        audio_artifact_id uuid NOT NULL REFERENCES artifacts (id),
        poses_artifact_id uuid NOT NULL REFERENCES artifacts (id),
        i3d_artifact_id uuid REFERENCES artifacts (id),
        length_seconds integer NOT NULL CHECK (length_seconds IN (25, 50)),
        genre text CHECK (length(genre) BETWEEN 1 AND 50),
        source_split dataset_split,
        UNIQUE (dataset_id, import_key)
      );
      ALTER TABLE segment_imports ENABLE ROW LEVEL SECURITY;
      CREATE POLICY segment_imports_tenant_isolation ON segment_imports
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant());
    `);
    await q.query(segmentsTrigger(FROZEN_COLUMNS));
  }

  async down(q: QueryRunner): Promise<void> {
    // Postgres cannot drop an enum value: SOURCE stays (unused) after a rollback.
    await q.query(segmentsTrigger(FROZEN_COLUMNS.filter((column) => column !== 'source_split')));
    await q.query(`
      DROP TABLE IF EXISTS segment_imports;
      ALTER TABLE segments DROP COLUMN source_split;
      ALTER TABLE videos DROP COLUMN name;
    `);
  }
}

/** What a segment frozen into a version may no longer change (1765100000000-curation, plus its source split). */
const FROZEN_COLUMNS = [
  'status',
  'reason',
  'genre',
  'video_id',
  'start_seconds',
  'length_seconds',
  'category',
  'wav_artifact_id',
  'poses_artifact_id',
  'source_split',
];

function segmentsTrigger(columns: string[]): string {
  const of = (row: string) => columns.map((column) => `${row}.${column}`).join(', ');
  return `
    CREATE OR REPLACE FUNCTION segments_refuse_frozen_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp
      AS $$
      BEGIN
        IF (${of('NEW')}) IS DISTINCT FROM (${of('OLD')})
           AND EXISTS (SELECT 1 FROM dataset_version_segments m
                       WHERE m.segment_id = OLD.id AND dataset_version_is_frozen(m.version_id)) THEN
          RAISE EXCEPTION 'segment % is frozen into a dataset version and cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$;
  `;
}
