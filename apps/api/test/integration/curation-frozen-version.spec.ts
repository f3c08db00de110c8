// A frozen dataset version is immutable in Postgres itself (issue 14): its membership, splits and row
// refuse every change, for the app role and for the owner alike; only a cascade (a whole version, dataset
// or tenant deleted) removes membership. Checked on Postgres directly, with no API in between. Also: the
// curation tables are tenant-isolated by row-level security like every other tenant table.
import { Client } from 'pg';
import { connectDatabaseRoles, DatabaseRoles } from '../support/database-roles';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const CURATION_TABLES = ['videos', 'segments', 'dataset_versions', 'dataset_version_segments'];
const SHA = 'a'.repeat(64);

describe('frozen dataset versions (database rules)', () => {
  let db: TestDatabase;
  let owner: Client;
  let clients: DatabaseRoles;
  let asApp: DatabaseRoles['asApp'];
  let tenant: string;
  let other: string;
  let segments: string[];
  let frozen: string;
  let draft: string;

  beforeAll(async () => {
    db = await createTestDatabase('frozen');
    clients = await connectDatabaseRoles(db, ['frozen', 'other']);
    ({ owner, asApp } = clients);
    [tenant, other] = clients.tenantIds;

    const [{ id: dataset }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'skaters', 'FIGURE_SKATING') RETURNING id`,
      [tenant],
    );
    const [{ id: artifact }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO artifacts (tenant_id, kind, sha256, bytes, media_type) VALUES ($1, 'VIDEO', $2, 1, 'video/mp4') RETURNING id`,
      [tenant, SHA],
    );
    const [{ id: video }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO videos (tenant_id, dataset_id, source_artifact_id, status) VALUES ($1, $2, $3, 'READY') RETURNING id`,
      [tenant, dataset, artifact],
    );
    segments = [];
    for (const start of [5, 30, 55]) {
      const [{ id }] = await asApp<{ id: string }>(
        tenant,
        `INSERT INTO segments (tenant_id, video_id, dataset_id, start_seconds, length_seconds, category, status,
           wav_artifact_id, flags)
         VALUES ($1, $2, $3, $4, 25, 'FIGURE_SKATING', 'ACCEPTED', $5, '{no_person}') RETURNING id`,
        [tenant, video, dataset, start, artifact],
      );
      segments.push(id);
    }
    const version = async (number: number) =>
      (
        await asApp<{ id: string }>(
          tenant,
          `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio,
             valid_ratio, test_ratio)
           VALUES ($1, $2, $3, 7, 'VIDEO', 0.9, 0.05, 0.05) RETURNING id`,
          [tenant, dataset, number],
        )
      )[0].id;
    frozen = await version(1);
    draft = await version(2);
    // The freeze as the service does it: membership first, then frozen_at on a row that had none.
    await asApp(
      tenant,
      `INSERT INTO dataset_version_segments (version_id, segment_id, tenant_id, split)
       VALUES ($1, $2, $4, 'TRAIN'), ($1, $3, $4, 'TEST')`,
      [frozen, segments[0], segments[1], tenant],
    );
    await asApp(
      tenant,
      `UPDATE dataset_versions SET frozen_at = now(), stats = '{"segments": 2}' WHERE id = $1`,
      [frozen],
    );
  });

  afterAll(async () => {
    await clients?.end();
    await db?.drop();
  });

  const refusal = /dataset version.*frozen|is frozen/;

  const asOwner = (sql: string, params: unknown[]) => owner.query(sql, params);
  const roles: [string, (sql: string, params: unknown[]) => Promise<unknown>][] = [
    ['the app role', (sql, params) => asApp(tenant, sql, params)],
    ['the owner', asOwner],
  ];

  describe.each(roles)('as %s', (_, run) => {
    it('refuses adding a segment to a frozen version', async () => {
      await expect(
        run(
          `INSERT INTO dataset_version_segments (version_id, segment_id, tenant_id, split) VALUES ($1, $2, $3, 'VALID')`,
          [frozen, segments[2], tenant],
        ),
      ).rejects.toThrow(refusal);
    });

    it('refuses moving a frozen segment to another split', async () => {
      await expect(
        run(`UPDATE dataset_version_segments SET split = 'TRAIN' WHERE version_id = $1 AND segment_id = $2`, [
          frozen,
          segments[1],
        ]),
      ).rejects.toThrow(refusal);
    });

    it('refuses removing a segment from a frozen version', async () => {
      await expect(
        run(`DELETE FROM dataset_version_segments WHERE version_id = $1 AND segment_id = $2`, [
          frozen,
          segments[0],
        ]),
      ).rejects.toThrow(refusal);
    });

    it("refuses any change to a frozen version's row, unfreezing included", async () => {
      await expect(run(`UPDATE dataset_versions SET split_seed = 8 WHERE id = $1`, [frozen])).rejects.toThrow(
        refusal,
      );
      await expect(
        run(`UPDATE dataset_versions SET frozen_at = NULL WHERE id = $1`, [frozen]),
      ).rejects.toThrow(refusal);
      await expect(run(`UPDATE dataset_versions SET stats = '{}' WHERE id = $1`, [frozen])).rejects.toThrow(
        refusal,
      );
    });

    it("refuses changing a frozen segment's decision", async () => {
      await expect(
        run(`UPDATE segments SET status = 'REJECTED', reason = 'NO_MUSIC' WHERE id = $1`, [segments[0]]),
      ).rejects.toThrow(/frozen into a dataset version/);
    });

    it('leaves a version that is not frozen, and segments outside frozen versions, editable', async () => {
      await run(
        `INSERT INTO dataset_version_segments (version_id, segment_id, tenant_id, split) VALUES ($1, $2, $3, 'VALID')`,
        [draft, segments[2], tenant],
      );
      await run(`UPDATE dataset_version_segments SET split = 'TEST' WHERE version_id = $1`, [draft]);
      await run(`DELETE FROM dataset_version_segments WHERE version_id = $1`, [draft]);
      await run(`UPDATE segments SET genre = 'waltz' WHERE id = $1`, [segments[2]]);
    });
  });

  it('still holds the frozen membership exactly as written', async () => {
    const { rows } = await owner.query(
      `SELECT segment_id, split FROM dataset_version_segments WHERE version_id = $1 ORDER BY split`,
      [frozen],
    );
    expect(rows).toEqual([
      { segment_id: segments[0], split: 'TRAIN' },
      { segment_id: segments[1], split: 'TEST' },
    ]);
  });

  it('keeps every curation table tenant-isolated under row-level security', async () => {
    for (const table of CURATION_TABLES) {
      expect(await asApp(other, `SELECT * FROM ${table}`)).toEqual([]);
      expect((await asApp(tenant, `SELECT * FROM ${table}`)).length).toBeGreaterThan(0);
    }
    await expect(
      asApp(
        other,
        `INSERT INTO dataset_version_segments (version_id, segment_id, tenant_id, split) VALUES ($1, $2, $3, 'TRAIN')`,
        [draft, segments[2], tenant],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets a cascade remove a frozen version with its membership (the whole tenant deleted)', async () => {
    await owner.query('DELETE FROM tenants WHERE id = $1', [tenant]);
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM dataset_version_segments');
    expect(rows[0].n).toBe(0);
  });
});
