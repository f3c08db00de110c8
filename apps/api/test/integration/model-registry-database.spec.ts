// The model registry's rules live in Postgres (issue 15), checked here with no API in between: the
// built-in default is one read-only version every tenant reads and no app-role statement may change; a
// tenant's models, versions, aliases and alias history are invisible to other tenants; versions are
// immutable; alias history is append-only; and no row may point at another tenant's version.
import { Client } from 'pg';
import { BUILTIN_MODEL_ID, BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import { connectDatabaseRoles, DatabaseRoles } from '../support/database-roles';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const SHA = (c: string) => c.repeat(64);
const FILES = JSON.stringify([
  { name: 'model.json', sha256: SHA('a'), bytes: 10 },
  { name: 'conditioner.onnx', sha256: SHA('b'), bytes: 10 },
  { name: 'denoiser.onnx', sha256: SHA('c'), bytes: 10 },
]);

describe('model registry (database rules)', () => {
  let db: TestDatabase;
  let owner: Client;
  let clients: DatabaseRoles;
  let asApp: DatabaseRoles['asApp'];
  let tenant: string;
  let other: string;
  let modelId: string;
  let versionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('modelsdb');
    clients = await connectDatabaseRoles(db, ['models', 'other-models']);
    ({ owner, asApp } = clients);
    [tenant, other] = clients.tenantIds;
    [{ id: modelId }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO models (tenant_id, name) VALUES ($1, 'mine') RETURNING id`,
      [tenant],
    );
    [{ id: versionId }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO model_versions (tenant_id, model_id, number, label, contract, card_sha256, files, source)
       VALUES ($1, $2, 1, 'loris-parity@0.2.0', '{}'::jsonb, $3, $4::jsonb, 'UPLOADED') RETURNING id`,
      [tenant, modelId, SHA('d'), FILES],
    );
  });

  afterAll(async () => {
    await clients?.end();
    await db?.drop();
  });

  it('lets every tenant read the built-in default, registered once by the migration', async () => {
    for (const id of [tenant, other]) {
      const versions = await asApp<{ id: string; source: string; tenant_id: string | null }>(
        id,
        `SELECT id, source, tenant_id FROM model_versions WHERE tenant_id IS NULL`,
      );
      expect(versions).toEqual([{ id: BUILTIN_MODEL_VERSION_ID, source: 'BUILTIN', tenant_id: null }]);
      expect(await asApp(id, `SELECT id, name FROM models WHERE tenant_id IS NULL`)).toEqual([
        { id: BUILTIN_MODEL_ID, name: 'default' },
      ]);
    }
  });

  it('refuses the app role every write to the built-in rows', async () => {
    const refused = /the built-in model is read-only/;
    await expect(
      asApp(tenant, `UPDATE models SET name = 'mine2' WHERE id = $1`, [BUILTIN_MODEL_ID]),
    ).rejects.toThrow(refused);
    await expect(asApp(tenant, `DELETE FROM models WHERE id = $1`, [BUILTIN_MODEL_ID])).rejects.toThrow(
      refused,
    );
    await expect(
      asApp(tenant, `UPDATE model_versions SET label = 'x' WHERE id = $1`, [BUILTIN_MODEL_VERSION_ID]),
    ).rejects.toThrow(refused);
    await expect(
      asApp(tenant, `DELETE FROM model_versions WHERE id = $1`, [BUILTIN_MODEL_VERSION_ID]),
    ).rejects.toThrow(refused);
    await expect(
      asApp(tenant, `INSERT INTO models (tenant_id, name) VALUES (NULL, 'sneaky')`),
    ).rejects.toThrow(refused);
    await expect(
      asApp(
        tenant,
        `INSERT INTO model_versions (tenant_id, model_id, number, label, source) VALUES (NULL, $1, 2, 'x', 'BUILTIN')`,
        [BUILTIN_MODEL_ID],
      ),
    ).rejects.toThrow(refused);
    const [row] = await owner
      .query(`SELECT label FROM model_versions WHERE id = $1`, [BUILTIN_MODEL_VERSION_ID])
      .then((r) => r.rows);
    expect(row.label).toBe('built-in (MODEL_DIR)');
  });

  it("hides a tenant's models, versions, aliases and history from another tenant", async () => {
    await asApp(
      tenant,
      `WITH a AS (INSERT INTO model_aliases (tenant_id, name, version_id) VALUES ($1, 'production', $2) RETURNING id)
       INSERT INTO model_alias_events (tenant_id, alias_id, alias_name, to_version_id) SELECT $1, id, 'production', $2 FROM a`,
      [tenant, versionId],
    );
    for (const table of ['models', 'model_versions', 'model_aliases', 'model_alias_events']) {
      expect(await asApp(other, `SELECT * FROM ${table} WHERE tenant_id IS NOT NULL`)).toEqual([]);
      expect((await asApp(tenant, `SELECT * FROM ${table} WHERE tenant_id IS NOT NULL`)).length).toBe(1);
    }
    // Invisible is also untouchable: another tenant's UPDATE and DELETE match nothing.
    expect((await asApp(other, `DELETE FROM model_aliases RETURNING id`)).length).toBe(0);
  });

  it("refuses a row that points at another tenant's version, and lets one point at the built-in", async () => {
    await expect(
      asApp(other, `INSERT INTO model_aliases (tenant_id, name, version_id) VALUES ($1, 'production', $2)`, [
        other,
        versionId,
      ]),
    ).rejects.toThrow(/not this tenant's nor built in/);
    await expect(
      asApp(
        other,
        `INSERT INTO model_versions (tenant_id, model_id, number, label, contract, card_sha256, files, source)
         VALUES ($1, $2, 2, 'x', '{}'::jsonb, $3, $4::jsonb, 'UPLOADED')`,
        [other, modelId, SHA('e'), FILES],
      ),
    ).rejects.toThrow(/not this tenant's/);
    await asApp(other, `INSERT INTO model_aliases (tenant_id, name, version_id) VALUES ($1, 'staging', $2)`, [
      other,
      BUILTIN_MODEL_VERSION_ID,
    ]);
    // The owner is not held by RLS, so the trigger's tenant comparison is what refuses it there.
    await expect(
      owner.query(`UPDATE model_aliases SET version_id = $1 WHERE tenant_id = $2`, [versionId, other]),
    ).rejects.toThrow(/not this tenant's nor built in/);
  });

  it('keeps versions immutable and alias history append-only for the app role', async () => {
    await expect(
      asApp(tenant, `UPDATE model_versions SET label = 'changed' WHERE id = $1`, [versionId]),
    ).rejects.toThrow(/is immutable/);
    await expect(asApp(tenant, `UPDATE model_alias_events SET alias_name = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asApp(tenant, `DELETE FROM model_alias_events`)).rejects.toThrow(/permission denied/);
  });

  it('reserves the name "default" for the built-in model and alias', async () => {
    await expect(
      asApp(tenant, `INSERT INTO models (tenant_id, name) VALUES ($1, 'default')`, [tenant]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      asApp(tenant, `INSERT INTO model_aliases (tenant_id, name, version_id) VALUES ($1, 'default', $2)`, [
        tenant,
        versionId,
      ]),
    ).rejects.toThrow(/check constraint/);
  });

  // Issue 14: "a version in use by a training run or an evaluation cannot be deleted". A model version
  // trained on a dataset version names it; the database keeps the dataset version while it does (the
  // training runs and evaluations of issue 15 will name it the same way).
  it('refuses to delete a frozen dataset version that a trained model version names', async () => {
    const [{ id: datasetId }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'trained-on', 'DANCE') RETURNING id`,
      [tenant],
    );
    const frozenVersion = async (number: number) => {
      const [{ id }] = await asApp<{ id: string }>(
        tenant,
        `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
         VALUES ($1, $2, $3, 7, 'VIDEO', 0.9, 0.05, 0.05) RETURNING id`,
        [tenant, datasetId, number],
      );
      await asApp(tenant, `UPDATE dataset_versions SET frozen_at = now() WHERE id = $1`, [id]);
      return id;
    };
    const used = await frozenVersion(1);
    const unused = await frozenVersion(2);
    await asApp(
      tenant,
      `INSERT INTO model_versions (tenant_id, model_id, number, label, contract, card_sha256, files, source, dataset_version_id)
       VALUES ($1, $2, 2, 'loris-parity@0.2.0', '{}'::jsonb, $3, $4::jsonb, 'TRAINED', $5)`,
      [tenant, modelId, SHA('e'), FILES, used],
    );
    await expect(asApp(tenant, `DELETE FROM dataset_versions WHERE id = $1`, [used])).rejects.toThrow(
      /foreign key constraint/,
    );
    // One no model names may go.
    await asApp(tenant, `DELETE FROM dataset_versions WHERE id = $1`, [unused]);
    expect(await asApp(tenant, `SELECT id FROM dataset_versions WHERE dataset_id = $1`, [datasetId])).toEqual(
      [{ id: used }],
    );
  });
});
