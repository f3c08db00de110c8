// The model registry's rules live in Postgres (issue 15), checked here with no API in between: the
// built-in default is one read-only version every tenant reads and no app-role statement may change; a
// tenant's models, versions, aliases and alias history are invisible to other tenants; versions are
// immutable; alias history is append-only; and no row may point at another tenant's version.
import { Client } from 'pg';
import { AuthDirectory, BUILTIN_MODEL_ID, BUILTIN_MODEL_VERSION_ID, createDataSource } from '@loris/db';
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
  let app: Client;
  let tenant: string;
  let other: string;
  let modelId: string;
  let versionId: string;

  /** Runs `sql` as the app role inside one transaction of `tenantId`. */
  async function asApp<T = Record<string, unknown>>(tenantId: string, sql: string, params: unknown[] = []) {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await app.query(sql, params);
      await app.query('COMMIT');
      return result.rows as T[];
    } catch (error) {
      await app.query('ROLLBACK');
      throw error;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('modelsdb');
    const source = createDataSource({ url: db.config.appUrl, poolSize: 1 });
    await source.initialize();
    const directory = new AuthDirectory(source);
    ({ tenantId: tenant } = await directory.signUp('models@example.com', 'hash', 'Models'));
    ({ tenantId: other } = await directory.signUp('other-models@example.com', 'hash', 'Other'));
    await source.destroy();
    owner = new Client({ connectionString: db.config.ownerUrl });
    app = new Client({ connectionString: db.config.appUrl });
    await owner.connect();
    await app.connect();
    [{ id: modelId }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO models (tenant_id, name) VALUES ($1, 'mine') RETURNING id`,
      [tenant],
    );
    [{ id: versionId }] = await asApp<{ id: string }>(
      tenant,
      `INSERT INTO model_versions (tenant_id, model_id, number, label, contract, card_sha256, files, source)
       VALUES ($1, $2, 1, 'loris-parity@0.1.0', '{}'::jsonb, $3, $4::jsonb, 'UPLOADED') RETURNING id`,
      [tenant, modelId, SHA('d'), FILES],
    );
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
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
});
