// Soundtrack tables and quotas on the real database: row-level security on artifacts, soundtrack_jobs and
// tenant_quotas, and the per-tenant limits checked in the transaction that inserts the job, so that racing
// requests cannot both pass.
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import {
  ArtifactEntity,
  ArtifactKind,
  AuthDirectory,
  createDataSource,
  SoundtrackJobEntity,
  SoundtrackJobStatus,
  TenantQuotaEntity,
  TenantUnitOfWork,
} from '@loris/db';
import { SoundtrackQuotaService } from '@loris/domain';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { appConfigFromEnv, QuotaExceededError, RateLimitedError } from '@loris/engine';

const SHA = 'ab'.repeat(32);

describe('soundtrack tables and quotas', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  let uow: TenantUnitOfWork;
  let directory: AuthDirectory;
  let tenantA: string;
  let tenantB: string;
  let artifactA: string;
  const quota = new SoundtrackQuotaService(
    appConfigFromEnv({ QUOTA_CONCURRENT_JOBS: '1', QUOTA_SECONDS_PER_MONTH: '10' }),
  );

  const newTenant = async (label: string) =>
    (await directory.signUp(`${label}-${Date.now()}@example.com`, 'hash', label)).tenantId;

  const addArtifact = (tenantId: string) =>
    uow.run(tenantId, async (m) => {
      const saved = await m.save(ArtifactEntity, {
        tenantId,
        kind: ArtifactKind.POSES,
        sha256: SHA,
        bytes: 1234,
        mediaType: 'application/json',
      });
      return saved.id;
    });

  /** What requestSoundtrack does: check the quota, then insert, in one transaction; `holdMs` widens the race. */
  const createJob = (tenantId: string, inputArtifactId: string, seconds: number, holdMs = 0) =>
    uow.run(tenantId, async (m) => {
      await quota.reserve(m, tenantId, seconds);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const saved = await m.save(SoundtrackJobEntity, {
        tenantId,
        status: SoundtrackJobStatus.QUEUED,
        progress: 0,
        inputArtifactId,
        genre: 'Pop',
        seconds,
        seed: 1,
        steps: 4,
        sampler: 'adpm2',
        guidance: 1,
      });
      return saved.id;
    });

  const setStatus = (id: string, status: SoundtrackJobStatus) =>
    owner.query(
      `UPDATE soundtrack_jobs SET status = $2::soundtrack_job_status,
         error_code = CASE WHEN $2::text = 'FAILED' THEN 'TEST' END,
         audio_artifact_id = CASE WHEN $2::text = 'SUCCEEDED' THEN input_artifact_id END
       WHERE id = $1`,
      [id, status],
    );

  /** What `loris admin quotas set` does, on the owner connection: the app role cannot write quotas. */
  const setQuotas = (tenantId: string, limits: Record<string, number>) =>
    owner.query(
      `INSERT INTO tenant_quotas (tenant_id, ${Object.keys(limits).join(', ')})
       VALUES ($1, ${Object.keys(limits)
         .map((_, i) => `$${i + 2}`)
         .join(', ')})
       ON CONFLICT (tenant_id) DO UPDATE SET ${Object.keys(limits)
         .map((k) => `${k} = EXCLUDED.${k}`)
         .join(', ')}`,
      [tenantId, ...Object.values(limits)],
    );

  beforeAll(async () => {
    db = await createTestDatabase('quota');
    app = createDataSource({ url: db.config.appUrl, poolSize: 4 });
    await app.initialize();
    owner = new Client({ connectionString: db.config.ownerUrl });
    await owner.connect();
    uow = new TenantUnitOfWork(app);
    directory = new AuthDirectory(app);
    tenantA = await newTenant('A');
    tenantB = await newTenant('B');
    artifactA = await addArtifact(tenantA);
  });

  afterAll(async () => {
    await owner?.end();
    await app?.destroy();
    await db?.drop();
  });

  it('has row-level security on every table with a tenant_id', async () => {
    const { rows } = await owner.query(
      `SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND a.attname = 'tenant_id'
       ORDER BY c.relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(
      expect.arrayContaining(['artifacts', 'soundtrack_jobs', 'tenant_quotas']),
    );
    expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
  });

  it("keeps a tenant's artifacts and jobs from another tenant, and refuses writes into it", async () => {
    const jobA = await createJob(tenantA, artifactA, 1);
    expect(await uow.run(tenantB, (m) => m.findOneBy(ArtifactEntity, { id: artifactA }))).toBeNull();
    expect(await uow.run(tenantB, (m) => m.findOneBy(SoundtrackJobEntity, { id: jobA }))).toBeNull();
    await expect(
      uow.run(tenantB, (m) =>
        m.insert(ArtifactEntity, {
          tenantId: tenantA,
          kind: ArtifactKind.WAV,
          sha256: SHA,
          bytes: 1,
          mediaType: 'audio/wav',
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    // The app role writes no quotas at all, its own tenant's or another's: operators set them.
    await expect(
      uow.run(tenantB, (m) => m.insert(TenantQuotaEntity, { tenantId: tenantA, maxConcurrentJobs: 99 })),
    ).rejects.toThrow(/permission denied for table tenant_quotas/);
    const found = await uow.run(tenantA, (m) => m.findOneByOrFail(SoundtrackJobEntity, { id: jobA }));
    expect(found).toMatchObject({ status: 'QUEUED', seconds: 1, seed: 1, tenantId: tenantA });
    await setStatus(jobA, SoundtrackJobStatus.SUCCEEDED);
  });

  it('lets only one of two racing requests take the last concurrent-job slot', async () => {
    const tenant = await newTenant('race');
    const input = await addArtifact(tenant);
    const results = await Promise.allSettled([
      createJob(tenant, input, 1, 300),
      createJob(tenant, input, 1, 300),
    ]);
    const passed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(passed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toBeInstanceOf(RateLimitedError);
    expect(refused[0].reason.message).toMatch(/1 soundtrack job\(s\) queued or running/);
    expect(refused[0].reason.extensions.retryAfterSeconds).toBeGreaterThan(0);
    // A finished job frees its slot.
    await setStatus((passed[0] as PromiseFulfilledResult<string>).value, SoundtrackJobStatus.SUCCEEDED);
    await setStatus(await createJob(tenant, input, 1), SoundtrackJobStatus.CANCELLED);
  });

  it("refuses seconds beyond the month's quota, racing or not, and does not charge failed jobs", async () => {
    const tenant = await newTenant('month');
    const input = await addArtifact(tenant);
    await setQuotas(tenant, { max_concurrent_jobs: 5 });
    const results = await Promise.allSettled([
      createJob(tenant, input, 6, 300),
      createJob(tenant, input, 6, 300),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(QuotaExceededError);
    expect(refused.reason.message).toMatch(/10 s of audio per month \(4 s left\)/);
    const renews = new Date(refused.reason.extensions.retryAt);
    expect(renews.getUTCDate()).toBe(1);
    expect(renews.getTime()).toBeGreaterThan(Date.now());

    const failed = await createJob(tenant, input, 4);
    await setStatus(failed, SoundtrackJobStatus.FAILED);
    await expect(createJob(tenant, input, 4)).resolves.toEqual(expect.any(String));
    await expect(createJob(tenant, input, 0.5)).rejects.toBeInstanceOf(QuotaExceededError);
  });

  it("uses the tenant's own limits over the defaults", async () => {
    const tenant = await newTenant('own');
    const input = await addArtifact(tenant);
    await setQuotas(tenant, { max_concurrent_jobs: 0, max_seconds_per_month: 100 });
    await expect(createJob(tenant, input, 1)).rejects.toBeInstanceOf(RateLimitedError);
    await setQuotas(tenant, { max_concurrent_jobs: 3 });
    await createJob(tenant, input, 50);
    await createJob(tenant, input, 50);
    await expect(createJob(tenant, input, 1)).rejects.toBeInstanceOf(QuotaExceededError);
  });
});
