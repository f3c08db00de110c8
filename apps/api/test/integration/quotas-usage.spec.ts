// Quotas and usage (issue 18): the tenantUsage query puts each limit next to what the tenant has used
// (this month's audio, the jobs running now, the bytes it stores, training minutes and evaluation
// samples) and lists past months; operators change limits with `loris admin quotas set`, on the owner
// connection, audited with their name; the API offers no way to, and the app role cannot write them at all.
// Real API, real in-process worker (the parity model), the real `loris` binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createApiKey,
  gql,
  ok,
  requestSoundtrack,
  requestSoundtrackId,
  signUpTenant,
  SignedUp,
  startTestApi,
  startTestWorker,
  synthPosesJson,
  testPatternMp4,
  TestApi,
  TestWorker,
  uploadBytes,
  waitFor,
} from '../support';
import { PARITY_MODEL_DIR } from './soundtrack-stack';

interface Quota {
  kind: string;
  used: number;
  limit: number;
  monthly: boolean;
  custom: boolean;
}

interface Usage {
  tenantUsage: {
    periodStart: string;
    periodEnd: string;
    quotas: Quota[];
    months: { month: string; audioSeconds: number; jobs: number }[];
  };
}

const TENANT_USAGE = `{ tenantUsage { periodStart periodEnd quotas { kind used limit monthly custom }
  months { month audioSeconds jobs } } }`;

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

describe('quotas and usage', () => {
  let api: TestApi;
  let worker: TestWorker;
  let owner: Client;
  let storageDir: string;
  let a: SignedUp;
  let b: SignedUp;

  const usage = async (credentials: { token?: string; apiKey?: string }) =>
    ok(await gql<Usage>(api.graphqlUrl, TENANT_USAGE, {}, credentials)).tenantUsage;

  const quota = async (credentials: { token?: string; apiKey?: string }, kind: string) =>
    (await usage(credentials)).quotas.find((q) => q.kind === kind)!;

  /** The real `loris admin` command, on this suite's database as its operator would run it. */
  function loris(...args: string[]) {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'bin', 'loris.js'), 'admin', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: api.database.config.ownerUrl },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  const finished = (token: string, id: string) =>
    waitFor(async () => {
      const job = ok(
        await gql<{ soundtrackJob: { status: string } }>(
          api.graphqlUrl,
          'query($id: ID!) { soundtrackJob(id: $id) { status } }',
          { id },
          { token },
        ),
      ).soundtrackJob;
      return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status) ? job.status : undefined;
    }, `job ${id} to finish`);

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'loris-usage-'));
    api = await startTestApi({ env: { MODEL_DIR: PARITY_MODEL_DIR, STORAGE_DIR: storageDir } });
    worker = await startTestWorker(api.config);
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    a = await signUpTenant(api.graphqlUrl, 'usage-a');
    b = await signUpTenant(api.graphqlUrl, 'usage-b');
  });

  afterAll(async () => {
    await owner?.end();
    await worker?.stop();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('starts at zero, with the platform defaults as limits', async () => {
    const fresh = await usage({ token: a.token });
    expect(fresh.quotas).toEqual([
      { kind: 'AUDIO_SECONDS', used: 0, limit: 3600, monthly: true, custom: false },
      { kind: 'CONCURRENT_JOBS', used: 0, limit: 4, monthly: false, custom: false },
      { kind: 'STORED_BYTES', used: 0, limit: 10 * 1024 ** 3, monthly: false, custom: false },
      { kind: 'TRAINING_MINUTES', used: 0, limit: 600, monthly: true, custom: false },
      { kind: 'EVALUATION_SAMPLES', used: 0, limit: 2000, monthly: true, custom: false },
    ]);
    expect(fresh.months).toEqual([]);
    const start = new Date(fresh.periodStart);
    expect(start.getUTCDate()).toBe(1);
    expect(start.getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(fresh.periodEnd).getTime()).toBeGreaterThan(Date.now());
  });

  it('counts this month’s audio (failed jobs free), running jobs, stored bytes, and past months', async () => {
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(3, 2), { token: a.token });
    const nobody = await uploadBytes(api.baseUrl, testPatternMp4(2), { token: a.token });
    const good = await requestSoundtrackId(
      api.graphqlUrl,
      { token: a.token },
      {
        posesUploadId: poses.body.id,
        genre: 'Pop',
        seconds: 1.5,
        steps: 4,
      },
    );
    // A job is counted as running the moment it is accepted.
    expect((await quota({ token: a.token }, 'CONCURRENT_JOBS')).used).toBeGreaterThanOrEqual(1);
    const failing = await requestSoundtrackId(
      api.graphqlUrl,
      { token: a.token },
      {
        videoUploadId: nobody.body.id,
        genre: 'Pop',
        seconds: 1,
        steps: 4,
      },
    );
    expect(await finished(a.token, good)).toBe('SUCCEEDED');
    expect(await finished(a.token, failing)).toBe('FAILED');

    // A job of two months ago, as if the tenant had generated then (the database's clock cannot be moved).
    const past = new Date();
    past.setUTCDate(1);
    past.setUTCMonth(past.getUTCMonth() - 2);
    await owner.query(
      `INSERT INTO soundtrack_jobs (tenant_id, status, progress, input_artifact_id, genre, seconds, seed, steps,
         sampler, guidance, created_at)
       SELECT tenant_id, 'CANCELLED', 0, id, 'Pop', 7, 1, 4, 'adpm2', 1, $2 FROM artifacts WHERE id = $1`,
      [poses.body.id, past],
    );

    const now = await usage({ token: a.token });
    const { rows } = await owner.query(
      'SELECT sum(bytes)::float8 AS bytes FROM artifacts WHERE tenant_id = $1',
      [a.tenantId],
    );
    const byKind = Object.fromEntries(now.quotas.map((q) => [q.kind, q.used]));
    expect(byKind).toEqual({
      AUDIO_SECONDS: 1.5,
      CONCURRENT_JOBS: 0,
      // The pose track, the video and the WAV the good job made.
      STORED_BYTES: rows[0].bytes,
      TRAINING_MINUTES: 0,
      EVALUATION_SAMPLES: 0,
    });
    expect(rows[0].bytes).toBeGreaterThan(poses.body.bytes as number);
    expect(now.months).toEqual([
      { month: now.periodStart, audioSeconds: 1.5, jobs: 2 },
      { month: past.toISOString().slice(0, 8) + '01T00:00:00.000Z', audioSeconds: 7, jobs: 1 },
    ]);
    // Another tenant's usage is its own.
    expect((await usage({ token: b.token })).quotas.every((q) => q.used === 0)).toBe(true);
  });

  it('is readable by every role, through a VIEWER key too', async () => {
    const viewer = await createApiKey(api.graphqlUrl, a.token, 'VIEWER');
    expect((await quota({ apiKey: viewer.secret }, 'AUDIO_SECONDS')).used).toBe(1.5);
  });

  it('lets an operator set limits with `loris admin quotas set`, audited with their name', async () => {
    const set = loris(
      'quotas',
      'set',
      '--tenant',
      a.tenantId,
      '--concurrent-jobs',
      '0',
      '--stored-bytes',
      '2GiB',
      '--operator',
      'ops-alice',
      '--json',
    );
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      operator: 'ops-alice',
      before: { CONCURRENT_JOBS: null, STORED_BYTES: null },
      after: { CONCURRENT_JOBS: 0, STORED_BYTES: 2 * 1024 ** 3, AUDIO_SECONDS: null },
    });

    expect(await quota({ token: a.token }, 'CONCURRENT_JOBS')).toMatchObject({ limit: 0, custom: true });
    expect(await quota({ token: a.token }, 'STORED_BYTES')).toMatchObject({
      limit: 2 * 1024 ** 3,
      custom: true,
    });
    expect(await quota({ token: b.token }, 'CONCURRENT_JOBS')).toMatchObject({ limit: 4, custom: false });
    // And the limit holds at once: no job may start.
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(2, 5), { token: a.token });
    const refused = await requestSoundtrack(
      api.graphqlUrl,
      { token: a.token },
      {
        posesUploadId: poses.body.id,
        genre: 'Pop',
        seconds: 1,
      },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    const events = ok(
      await gql<{
        auditEvents: {
          edges: { node: { action: string; actor: { kind: string; label: string }; details: string } }[];
        };
      }>(
        api.graphqlUrl,
        `{ auditEvents(first: 5, filter: { action: "tenant.quotas_changed" }) {
             edges { node { action actor { kind label } details } } } }`,
        {},
        { token: a.token },
      ),
    ).auditEvents.edges.map(({ node }) => ({ ...node, details: JSON.parse(node.details) }));
    expect(events).toEqual([
      {
        action: 'tenant.quotas_changed',
        actor: { kind: 'SYSTEM', label: 'ops-alice' },
        details: {
          operator: 'ops-alice',
          CONCURRENT_JOBS: 'default → 0',
          STORED_BYTES: `default → ${2 * 1024 ** 3}`,
        },
      },
    ]);

    const reset = loris('quotas', 'set', '--tenant', a.tenantId, '--concurrent-jobs', 'default');
    expect(reset.stderr).toBe('');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/concurrent-jobs\s+0\s+default/);
    expect(await quota({ token: a.token }, 'CONCURRENT_JOBS')).toMatchObject({ limit: 4, custom: false });
    const show = loris('quotas', 'show', '--tenant', a.tenantId, '--json');
    expect(JSON.parse(show.stdout).limits).toMatchObject({
      CONCURRENT_JOBS: null,
      STORED_BYTES: 2 * 1024 ** 3,
    });
  });

  it('refuses an unknown tenant, bad numbers and an empty change, in words and without writing', async () => {
    const before = await owner.query('SELECT count(*)::int AS n FROM audit_events');
    const unknown = loris(
      'quotas',
      'set',
      '--tenant',
      '00000000-0000-4000-8000-000000000000',
      '--concurrent-jobs',
      '1',
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(
      /There is no tenant 00000000-0000-4000-8000-000000000000.*\[TENANT_NOT_FOUND\]/,
    );
    const bad = loris('quotas', 'set', '--tenant', a.tenantId, '--concurrent-jobs', '-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/expected a whole number >= 0/);
    const tooBig = loris('quotas', 'set', '--tenant', a.tenantId, '--concurrent-jobs', '3000000000');
    expect(tooBig.status).toBe(1);
    expect(tooBig.stderr).toMatch(
      /CONCURRENT_JOBS must be a whole number from 0 to 2147483647.*\[INVALID_QUOTA\]/,
    );
    const empty = loris('quotas', 'set', '--tenant', a.tenantId);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/Nothing to change/);
    for (const run of [unknown, bad, tooBig, empty]) expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_events')).rows).toEqual(before.rows);
  });

  it('offers no way to change limits through the API, and the app role cannot write them', async () => {
    const schema = ok(
      await gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
        api.graphqlUrl,
        '{ __schema { mutationType { fields { name } } } }',
      ),
    );
    const mutations = schema.__schema.mutationType.fields.map((field) => field.name);
    expect(mutations.filter((name) => /quota|limit/i.test(name))).toEqual([]);

    const app = new Client({ connectionString: api.database.config.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      await expect(
        app.query('UPDATE tenant_quotas SET max_concurrent_jobs = 99 WHERE tenant_id = $1', [a.tenantId]),
      ).rejects.toThrow(/permission denied for table tenant_quotas/);
      await app.query('ROLLBACK');
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenantId]);
      await expect(
        app.query('INSERT INTO tenant_quotas (tenant_id, max_concurrent_jobs) VALUES ($1, 99)', [b.tenantId]),
      ).rejects.toThrow(/permission denied for table tenant_quotas/);
      await app.query('ROLLBACK');
      // Reading stays allowed: the usage page and the quota checks read it.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      const { rows } = await app.query('SELECT max_stored_bytes FROM tenant_quotas');
      expect(rows).toEqual([{ max_stored_bytes: String(2 * 1024 ** 3) }]);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
