// The report routes of KUBERNETES runs' pods (issue 15), on the real API, Postgres and blob store: a run's
// token opens only that run and only while it runs; events are recorded as the LOCAL backend's; the
// exported model is stored and fetched back by the worker's export store; a run token opens nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { pack } from 'tar-stream';
import { Readable } from 'node:stream';
import { hashRunToken, mintRunToken, TrainingEventsService, TrainingExportStore } from '@loris/domain';
import { BLOB_STORE } from '@loris/engine';
import type { BlobStore } from '@loris/storage';
import { signUpTenant, SignedUp, startTestApi, TestApi } from '../support';

let api: TestApi;
let owner: Client;
let storageDir: string;
let tenant: SignedUp;
let other: SignedUp;
let versionId: string;
const runs: Record<'running' | 'second' | 'ended', { id: string; token: string }> = {} as never;

async function insertRun(tenantId: string, status: string, token: string): Promise<string> {
  const { rows } = await owner.query(
    `INSERT INTO training_runs (tenant_id, dataset_version_id, preset, steps, backend, model_name, status,
                                report_token_hash, started_at, ended_at, backend_ref)
     VALUES ($1, $2, 'tiny', 20, 'KUBERNETES', 'k8s-model', $3::training_run_status, $4, now(),
             CASE WHEN $5 THEN now() END,
             '{"kind": "kubernetes", "namespace": "loris", "job": "train-x"}')
     RETURNING id`,
    [tenantId, versionId, status, hashRunToken(token), status === 'FAILED' || status === 'CANCELLED'],
  );
  return rows[0].id as string;
}

const post = (runId: string, path: string, body: unknown, token?: string, type = 'application/json') =>
  fetch(`${api.baseUrl}/v1/training-runs/${runId}/${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
const message = async (res: Response) =>
  ((await res.json()) as { errors: { message: string }[] }).errors[0].message;
const STEP = { event: 'step', step: 3, loss: 0.75, lr: 0.0001, secondsPerStep: 0.2 };

beforeAll(async () => {
  storageDir = mkdtempSync(join(tmpdir(), 'training-report-'));
  api = await startTestApi({ env: { STORAGE_DIR: storageDir } });
  owner = new Client({ connectionString: api.database.config.ownerUrl });
  await owner.connect();
  tenant = await signUpTenant(api.graphqlUrl, 'k8s-report');
  other = await signUpTenant(api.graphqlUrl, 'k8s-other');
  const { rows: datasets } = await owner.query(
    `INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'k8s', 'DANCE') RETURNING id`,
    [tenant.tenantId],
  );
  const { rows: versions } = await owner.query(
    `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
     VALUES ($1, $2, 1, 1, 'SOURCE', 0.8, 0.1, 0.1) RETURNING id`,
    [tenant.tenantId, datasets[0].id],
  );
  versionId = versions[0].id;
  await owner.query(`UPDATE dataset_versions SET frozen_at = now() WHERE id = $1`, [versionId]);
  for (const [name, status] of [
    ['running', 'RUNNING'],
    ['second', 'RUNNING'],
    ['ended', 'FAILED'],
  ] as const) {
    const token = mintRunToken(tenant.tenantId);
    runs[name] = { id: await insertRun(tenant.tenantId, status, token), token };
  }
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await api?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

test("the run's token: events become metric points, the latest step and the log", async () => {
  const { id, token } = runs.running;
  const res = await post(
    id,
    'events',
    { events: [STEP, { event: 'val', step: 3, loss: 0.9 }], logLines: ['hello'] },
    token,
  );
  expect(res.status).toBe(204);
  const { rows: points } = await owner.query(
    `SELECT kind, step, loss FROM training_metric_points WHERE run_id = $1 ORDER BY kind`,
    [id],
  );
  expect(points).toEqual([
    { kind: 'train', step: 3, loss: 0.75 },
    { kind: 'val', step: 3, loss: 0.9 },
  ]);
  const { rows } = await owner.query(`SELECT last_step FROM training_runs WHERE id = $1`, [id]);
  expect(rows[0].last_step).toBe(3);
  const { rows: logs } = await owner.query(`SELECT lines FROM training_run_logs WHERE run_id = $1`, [id]);
  expect(logs.flatMap((l) => l.lines)).toEqual(['hello']);
});

test("no token, a member's session, a wrong token: refused, nothing recorded", async () => {
  const { id } = runs.running;
  const none = await post(id, 'events', { events: [{ ...STEP, step: 4 }] });
  expect(none.status).toBe(401);
  expect(await message(none)).toMatch(/training run token is required/);
  const member = await post(id, 'events', { events: [{ ...STEP, step: 4 }] }, tenant.token);
  expect(member.status).toBe(401);
  const wrong = await post(id, 'events', { events: [{ ...STEP, step: 4 }] }, mintRunToken(tenant.tenantId));
  expect(wrong.status).toBe(403);
  expect(await message(wrong)).toBe(`This token does not open training run ${id}`);
  const { rows } = await owner.query(
    `SELECT count(*)::int AS n FROM training_metric_points WHERE run_id = $1 AND step = 4`,
    [id],
  );
  expect(rows[0].n).toBe(0);
});

test("another run's token, and a token naming another tenant: refused (403)", async () => {
  const res = await post(runs.second.id, 'events', { events: [STEP] }, runs.running.token);
  expect(res.status).toBe(403);
  // The same secret under another tenant's id finds no run there (row-level security).
  const forged = runs.running.token.replace(tenant.tenantId, other.tenantId);
  expect((await post(runs.running.id, 'events', { events: [STEP] }, forged)).status).toBe(403);
  const { rows } = await owner.query(
    `SELECT count(*)::int AS n FROM training_metric_points WHERE run_id = $1`,
    [runs.second.id],
  );
  expect(rows[0].n).toBe(0);
});

test('an ended run: its own token is refused with 409, and an upload is not kept', async () => {
  const res = await post(runs.ended.id, 'events', { events: [STEP] }, runs.ended.token);
  expect(res.status).toBe(409);
  expect(await message(res)).toMatch(/has ended \(FAILED\)/);
  const tar = await modelTar();
  expect((await post(runs.ended.id, 'export.tar', tar, runs.ended.token, 'application/x-tar')).status).toBe(
    409,
  );
});

test('a malformed report is refused with what is wrong', async () => {
  const res = await post(
    runs.running.id,
    'events',
    { events: [{ event: 'step', step: 5, loss: 'low' }] },
    runs.running.token,
  );
  expect(res.status).toBe(400);
  expect(await message(res)).toMatch(/events\[0\]\.loss must be a finite number/);
});

test('the exported model: stored, noted on the run, fetched back as a folder by the worker side', async () => {
  const { id, token } = runs.running;
  const res = await post(id, 'export.tar', await modelTar(), token, 'application/x-tar');
  expect(res.status).toBe(201);
  const stored = (await res.json()) as { sha256: string; bytes: number };
  expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
  const { rows } = await owner.query(`SELECT backend_ref FROM training_runs WHERE id = $1`, [id]);
  expect(rows[0].backend_ref).toEqual({
    kind: 'kubernetes',
    namespace: 'loris',
    job: 'train-x',
    export: stored,
  });
  const dir = await api.app.get(TrainingExportStore, { strict: false }).fetchExport(tenant.tenantId, id);
  expect(dir).toBeDefined();
  expect(JSON.parse(await readFile(join(dir!, 'model.json'), 'utf8'))).toEqual({ name: 'k8s' });
  expect(await readFile(join(dir!, 'denoiser.onnx'), 'utf8')).toBe('onnx bytes');
  rmSync(dir!, { recursive: true, force: true });
  expect(
    await api.app.get(TrainingExportStore, { strict: false }).fetchExport(tenant.tenantId, runs.second.id),
  ).toBeUndefined();
  // Another run's token cannot upload here.
  expect(
    (await post(id, 'export.tar', await modelTar(), runs.second.token, 'application/x-tar')).status,
  ).toBe(403);
});

test("a retried job storing its Job and token again keeps the pod's export on the run", async () => {
  const { id, token } = runs.running;
  const events = api.app.get(TrainingEventsService, { strict: false });
  await events.setBackendRef(
    tenant.tenantId,
    id,
    { kind: 'kubernetes', namespace: 'loris', job: 'train-x' },
    hashRunToken(token),
  );
  const { rows } = await owner.query(
    `SELECT backend_ref, report_token_hash FROM training_runs WHERE id = $1`,
    [id],
  );
  expect(rows[0].backend_ref).toMatchObject({
    job: 'train-x',
    export: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
  });
  expect(rows[0].report_token_hash).toBe(hashRunToken(token));
  // Under another tenant the run does not exist: nothing changes.
  await events.setBackendRef(
    other.tenantId,
    id,
    { kind: 'kubernetes', namespace: 'x', job: 'y' },
    'f'.repeat(64),
  );
  const after = await owner.query(`SELECT backend_ref FROM training_runs WHERE id = $1`, [id]);
  expect(after.rows[0].backend_ref.job).toBe('train-x');
});

test("the dataset route reads the run's version under its tenant; a wrong token gets nothing", async () => {
  const url = `${api.baseUrl}/v1/training-runs/${runs.running.id}/dataset.tar`;
  const wrong = await fetch(url, { headers: { authorization: `Bearer ${runs.second.token}` } });
  expect(wrong.status).toBe(403);
  // This version has no segments: the export service itself answers, so the token reached it.
  const res = await fetch(url, { headers: { authorization: `Bearer ${runs.running.token}` } });
  expect(res.status).toBe(400);
  expect(await message(res)).toMatch(/None of the version's 0 segments can be exported as manifest/);
});

test("the checkpoint route serves the run's own stored checkpoint (or its origin's), nothing else", async () => {
  const store = api.app.get<symbol, BlobStore>(BLOB_STORE, { strict: false });
  const own = await store.put(Readable.from([Buffer.from('weights of the running run')]));
  const others = await store.put(Readable.from([Buffer.from('weights of the second run')]));
  await owner.query(`UPDATE training_runs SET checkpoint_sha256 = $2, checkpoint_step = 10 WHERE id = $1`, [
    runs.running.id,
    own.sha256,
  ]);
  await owner.query(`UPDATE training_runs SET checkpoint_sha256 = $2, checkpoint_step = 10 WHERE id = $1`, [
    runs.second.id,
    others.sha256,
  ]);
  const get = (sha: string) =>
    fetch(`${api.baseUrl}/v1/training-runs/${runs.running.id}/checkpoint.pt?sha256=${sha}`, {
      headers: { authorization: `Bearer ${runs.running.token}` },
    });
  const res = await get(own.sha256);
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('weights of the running run');
  const foreign = await get(others.sha256);
  expect(foreign.status).toBe(403);
  expect(await message(foreign)).toMatch(/is not one training run .* resumes from/);
  expect((await get('nope')).status).toBe(400);
  // A run started from the second one may read the second's checkpoint.
  await owner.query(`UPDATE training_runs SET resume_from_run_id = $2 WHERE id = $1`, [
    runs.running.id,
    runs.second.id,
  ]);
  expect((await get(others.sha256)).status).toBe(200);
});

test('a run token opens no other route', async () => {
  const res = await fetch(`${api.baseUrl}/v1/dataset-versions/${versionId}/export.tar?format=manifest`, {
    headers: { authorization: `Bearer ${runs.running.token}` },
  });
  expect(res.status).toBe(401);
});

async function modelTar(): Promise<Uint8Array> {
  const tar = pack();
  tar.entry({ name: 'model.json' }, JSON.stringify({ name: 'k8s' }));
  tar.entry({ name: 'denoiser.onnx' }, 'onnx bytes');
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
