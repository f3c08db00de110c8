// Database-level tenancy: what the app role can see and write with and without app.tenant_id, checked
// directly on Postgres (no API in between), so a policy that is missing or too wide fails here.
import { DataSource, QueryFailedError } from 'typeorm';
import { Client } from 'pg';
import {
  AuthDirectory,
  createDataSource,
  DatasetCategory,
  DatasetEntity,
  InvalidTenantIdError,
  TenantUnitOfWork,
} from '@loris/db';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const TENANT_TABLES = ['memberships', 'api_keys', 'invitations', 'audit_events', 'datasets'];

describe('row-level security (app role)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let uow: TenantUnitOfWork;
  let tenantA: string;
  let tenantB: string;
  let datasetA: string;

  beforeAll(async () => {
    db = await createTestDatabase('rls');
    app = createDataSource({ url: db.config.appUrl, poolSize: 2 });
    await app.initialize();
    uow = new TenantUnitOfWork(app);
    const directory = new AuthDirectory(app);
    ({ tenantId: tenantA } = await directory.signUp('a@example.com', 'hash-a', 'Tenant A'));
    ({ tenantId: tenantB } = await directory.signUp('b@example.com', 'hash-b', 'Tenant B'));
    datasetA = await uow.run(tenantA, async (m) => {
      const saved = await m.save(DatasetEntity, {
        tenantId: tenantA,
        name: 'A dances',
        category: DatasetCategory.DANCE,
      });
      return saved.id;
    });
    await uow.run(tenantB, (m) =>
      m.save(DatasetEntity, {
        tenantId: tenantB,
        name: 'B skates',
        category: DatasetCategory.FIGURE_SKATING,
      }),
    );
  });

  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  it('connects as a role that is neither superuser nor BYPASSRLS', async () => {
    const [role] = await app.query(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('sees zero rows of every tenant table when no tenant is set', async () => {
    for (const table of [...TENANT_TABLES, 'tenants', 'users']) {
      const [{ count }] = await app.query(`SELECT count(*)::int AS count FROM ${table}`);
      expect({ table, count }).toEqual({ table, count: 0 });
    }
  });

  it('sees zero rows after a tenant transaction ended on the same pooled connection', async () => {
    const runner = app.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      await runner.commitTransaction();
      const [{ count }] = await runner.query('SELECT count(*)::int AS count FROM datasets');
      expect(count).toBe(0);
    } finally {
      await runner.release();
    }
  });

  it("sees only tenant A's rows with tenant A set", async () => {
    const rows = await uow.run(tenantA, (m) => m.query('SELECT tenant_id, name FROM datasets'));
    expect(rows).toEqual([{ tenant_id: tenantA, name: 'A dances' }]);
    const tenants = await uow.run(tenantA, (m) => m.query('SELECT id FROM tenants'));
    expect(tenants).toEqual([{ id: tenantA }]);
    const users = await uow.run(tenantA, (m) => m.query('SELECT email FROM users'));
    expect(users).toEqual([{ email: 'a@example.com' }]);
    const memberships = await uow.run(tenantA, (m) => m.query('SELECT tenant_id FROM memberships'));
    expect(memberships).toEqual([{ tenant_id: tenantA }]);
  });

  it("refuses to insert a row carrying B's tenant_id while A is set", async () => {
    const attempt = uow.run(tenantA, (m) =>
      m.query(`INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'smuggled', 'DANCE')`, [tenantB]),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
    const count = await uow.run(tenantB, (m) => m.count(DatasetEntity));
    expect(count).toBe(1);
  });

  it("refuses to move A's row to B, and cannot touch B's rows at all", async () => {
    const move = uow.run(tenantA, (m) =>
      m.query('UPDATE datasets SET tenant_id = $1 WHERE id = $2', [tenantB, datasetA]),
    );
    await expect(move).rejects.toThrow(/row-level security/);

    const [, touched] = await uow.run(tenantA, (m) =>
      m.query(`UPDATE datasets SET name = 'renamed' WHERE tenant_id = $1`, [tenantB]),
    );
    expect(touched).toBe(0);
    const names = await uow.run(tenantB, (m) => m.query('SELECT name FROM datasets'));
    expect(names).toEqual([{ name: 'B skates' }]);
  });

  describe('the lean read path (TenantUnitOfWork.read)', () => {
    it("sees only the tenant's rows", async () => {
      const rows = await uow.read(tenantB, (query) => query('SELECT tenant_id, name FROM datasets'));
      expect(rows).toEqual([{ tenant_id: tenantB, name: 'B skates' }]);
    });

    it('keeps tenants apart when a prepared statement runs on a cached generic plan', async () => {
      // Postgres switches a prepared statement to a generic plan after five runs on a connection; the
      // pool has two, so forty alternating runs put every connection well past that.
      const sql = 'SELECT tenant_id, name FROM datasets ORDER BY name';
      for (let i = 0; i < 40; i++) {
        const tenant = i % 2 ? tenantA : tenantB;
        const rows = await uow.read(tenant, (query) => query<{ tenant_id: string }>(sql));
        expect(rows.map((r) => r.tenant_id)).toEqual([tenant]);
      }
    });

    it('cannot write, even into its own tenant', async () => {
      const write = uow.read(tenantA, (query) =>
        query(`INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'sneaky', 'DANCE')`, [tenantA]),
      );
      await expect(write).rejects.toThrow(/read-only transaction/);
    });

    it('leaves no tenant on the pooled connections afterwards', async () => {
      await Promise.all([1, 2, 3, 4].map(() => uow.read(tenantA, (query) => query('SELECT 1'))));
      await expect(uow.read(tenantA, (query) => query('SELECT pg_sleep(0) FROM nope'))).rejects.toThrow();
      for (let i = 0; i < 4; i++) {
        const [{ count }] = await app.query('SELECT count(*)::int AS count FROM datasets');
        expect(count).toBe(0);
      }
    });

    it('refuses a tenant id that is not a UUID before any SQL runs', async () => {
      await expect(uow.read(`${tenantA}', false); --`, (query) => query('SELECT 1'))).rejects.toBeInstanceOf(
        InvalidTenantIdError,
      );
      await expect(uow.run('x', (m) => m.query('SELECT 1'))).rejects.toBeInstanceOf(InvalidTenantIdError);
    });
  });

  it('refuses inserts with no tenant set', async () => {
    const insert = app.query(`INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'x', 'DANCE')`, [
      tenantA,
    ]);
    await expect(insert).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('cannot create users or tenants directly, nor read the migrations table', async () => {
    await expect(
      uow.run(tenantA, (m) =>
        m.query(`INSERT INTO users (email, password_hash) VALUES ('x@example.com', 'h')`),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(uow.run(tenantA, (m) => m.query(`INSERT INTO tenants (name) VALUES ('t')`))).rejects.toThrow(
      /row-level security/,
    );
    await expect(app.query('SELECT * FROM migrations')).rejects.toThrow(/permission denied/);
  });

  it('keeps the owner view whole (the policies filter the app role, not the data)', async () => {
    const owner = new Client({ connectionString: db.config.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query('SELECT count(*)::int AS count FROM datasets');
      expect(rows[0].count).toBe(2);
    } finally {
      await owner.end();
    }
  });
});
