// /metrics and health on real processes: the API in this process and the built worker as its own OS process
// with the shipped default model (models/default), each with its HTTP server on a free port. The worker
// starts before its model directory exists, so its readiness is seen to flip once the model loads; then one
// soundtrack job succeeds and one fails with a known code (a video with nobody in it: NO_PERSON_FOUND), and
// both /metrics endpoints are scraped for the series README "Metrics and health" promises.
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApps,
  gql,
  ok,
  SignedUp,
  signUpTenant,
  spawnWorkerProcess,
  startTestApi,
  synthPosesJson,
  TestApi,
  testPatternMp4,
  uploadBytes,
  waitFor,
  WorkerProcess,
  requestSoundtrackId,
} from '../support';

jest.setTimeout(240_000);

const DEFAULT_MODEL_DIR = 'models/default';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples named `name` whose labels include `labels`. */
const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The one value of a series; fails naming the series when it is missing. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = find(samples, name, labels);
  if (found.length !== 1) {
    throw new Error(`expected one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  }
  return found[0].value;
}

async function scrape(baseUrl: string): Promise<{ contentType: string | null; samples: Sample[] }> {
  const res = await fetch(`${baseUrl}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), samples: parseMetrics(await res.text()) };
}

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

interface JobState {
  id: string;
  status: string;
  error: { code: string } | null;
  audio: { id: string; url: string } | null;
}

describe('metrics and health', () => {
  let api: TestApi;
  let tenant: SignedUp;
  let storageDir: string;
  let modelParent: string;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    buildApps();
    storageDir = mkdtempSync(join(tmpdir(), 'loris-metrics-'));
    modelParent = mkdtempSync(join(tmpdir(), 'loris-metrics-model-'));
    api = await startTestApi({ env: { MODEL_DIR: DEFAULT_MODEL_DIR, STORAGE_DIR: storageDir } });
    tenant = await signUpTenant(api.graphqlUrl, 'metrics');
  });

  afterAll(async () => {
    await worker?.kill();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(modelParent, { recursive: true, force: true });
  });

  const request = (input: Record<string, unknown>) =>
    requestSoundtrackId(api.graphqlUrl, { token: tenant.token }, input);

  const finished = (id: string) =>
    waitFor(
      async () => {
        const { soundtrackJob } = ok(
          await gql<{ soundtrackJob: JobState }>(
            api.graphqlUrl,
            `query($id: ID!) { soundtrackJob(id: $id) { id status error { code } audio { id url } } }`,
            { id },
            { token: tenant.token },
          ),
        );
        return ['QUEUED', 'RUNNING'].includes(soundtrackJob.status) ? undefined : soundtrackJob;
      },
      `job ${id} to finish`,
      120_000,
    );

  it('the API: live without asking anything, ready (and /healthz) when Postgres and Redis answer', async () => {
    expect(await getJson(`${api.baseUrl}/healthz/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const up = { status: 200, body: { status: 'ok', postgres: 'up', redis: 'up' } };
    expect(await getJson(`${api.baseUrl}/healthz/ready`)).toEqual(up);
    expect(await getJson(`${api.baseUrl}/healthz`)).toEqual(up);
  });

  it('the worker: live at once, ready only once its queue connection is up and the model is loaded', async () => {
    // The model directory does not exist yet: the eager load at start fails, the worker runs but is not ready.
    const modelDir = join(modelParent, 'model');
    worker = await spawnWorkerProcess(api.config, { MODEL_DIR: modelDir, WORKER_HTTP_HOST: '127.0.0.1' });
    expect(worker.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await getJson(`${worker.httpUrl}/healthz/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const before = await getJson(`${worker.httpUrl}/healthz/ready`);
    expect(before).toMatchObject({ status: 503, body: { status: 'unavailable', model: 'not loaded' } });

    // The model arrives whole (a rename), as a mounted volume would; the next readiness checks load it.
    const staging = join(modelParent, 'staging');
    cpSync(DEFAULT_MODEL_DIR, staging, { recursive: true });
    renameSync(staging, modelDir);
    const ready = await waitFor(
      async () => {
        const res = await getJson(`${worker!.httpUrl}/healthz/ready`);
        return res.status === 200 ? res : undefined;
      },
      'the worker to be ready',
      60_000,
    );
    expect(ready.body).toEqual({ status: 'ok', queue: 'up', model: 'loaded' });
    expect(await getJson(`${worker.httpUrl}/healthz/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await fetch(`${worker.httpUrl}/nothing`)).status).toBe(404);
    expect((await fetch(`${worker.httpUrl}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('after a job that succeeds and one that fails, both /metrics show durations, failures by code, RTF and queue depth', async () => {
    expect(worker).toBeDefined();
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(2), { token: tenant.token });
    expect(poses.status).toBe(201);
    const good = await finished(
      await request({ posesUploadId: poses.body.id, genre: 'Pop', seconds: 1.5, steps: 2, seed: 7 }),
    );
    expect(good).toMatchObject({ status: 'SUCCEEDED', error: null });
    const audio = await fetch(`${api.baseUrl}${good.audio!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    expect(audio.status).toBe(200);
    await audio.arrayBuffer();

    const video = await uploadBytes(api.baseUrl, testPatternMp4(2), { token: tenant.token });
    expect(video.status).toBe(201);
    const bad = await finished(
      await request({ videoUploadId: video.body.id, genre: 'House', seconds: 2, steps: 2, seed: 1 }),
    );
    expect(bad).toMatchObject({ status: 'FAILED', error: { code: 'NO_PERSON_FOUND' } });

    // The worker. A job's row is written just before its run returns: the run's series follow a moment later.
    const job = { queue: 'generate', job: 'generate-soundtrack' };
    const { contentType, samples: w } = await waitFor(async () => {
      const scraped = await scrape(worker!.httpUrl);
      return find(scraped.samples, 'loris_jobs_failed_total', job).length ? scraped : undefined;
    }, 'the failed run in the worker metrics');
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      value(w, 'loris_job_duration_seconds_count', { ...job, outcome: 'succeeded' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(w, 'loris_job_duration_seconds_count', { ...job, outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(value(w, 'loris_job_duration_seconds_sum', { ...job, outcome: 'succeeded' })).toBeGreaterThan(0);
    expect(
      value(w, 'loris_job_duration_seconds_bucket', { ...job, outcome: 'succeeded', le: '+Inf' }),
    ).toBeGreaterThanOrEqual(1);
    expect(value(w, 'loris_jobs_failed_total', { ...job, code: 'NO_PERSON_FOUND' })).toBe(1);
    expect(find(w, 'loris_jobs_failed_total', { ...job, code: 'GENERATION_FAILED' })).toEqual([]);
    // One generation ran (the failed job never reached the sampler): 1.5 s of audio, a positive speed.
    expect(value(w, 'loris_generation_realtime_factor_count')).toBe(1);
    expect(value(w, 'loris_generation_realtime_factor_sum')).toBeGreaterThan(0);
    for (const queue of ['audit', 'generate']) {
      expect(value(w, 'loris_queue_up', { queue })).toBe(1);
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(value(w, 'loris_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
    }
    expect(value(w, 'loris_queue_jobs', { queue: 'generate', state: 'waiting' })).toBe(0);
    expect(find(w, 'process_cpu_seconds_total').length).toBe(1);
    expect(find(w, 'nodejs_eventloop_lag_seconds').length).toBe(1);

    // The API.
    const { samples: a } = await scrape(api.baseUrl);
    const http = 'http_request_duration_seconds_count';
    expect(value(a, http, { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(4);
    expect(value(a, http, { method: 'POST', route: '/v1/uploads', status: '201' })).toBe(2);
    expect(value(a, http, { method: 'GET', route: '/v1/media/:id', status: '200' })).toBe(1);
    expect(value(a, http, { method: 'GET', route: '/healthz/ready', status: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    // Route patterns, never raw URLs: no label carries an id.
    const routes = new Set(find(a, http).map((s) => s.labels.route));
    expect([...routes].filter((route) => /[0-9a-f]{8}-[0-9a-f]{4}/.test(route))).toEqual([]);
    expect(value(a, 'loris_queue_up', { queue: 'generate' })).toBe(1);
    expect(value(a, 'loris_queue_jobs', { queue: 'generate', state: 'waiting' })).toBe(0);
    expect(value(a, 'loris_queue_jobs', { queue: 'generate', state: 'active' })).toBe(0);
    expect(find(a, 'process_resident_memory_bytes').length).toBe(1);
    // Job series belong to the worker: the API only enqueues.
    expect(a.filter((s) => /^loris_(job|generation)/.test(s.name))).toEqual([]);
  });

  it('the API with a Redis that does not answer: not ready (503), still live, queues unmeasured', async () => {
    const broken = await startTestApi({ database: api.database, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      expect(await getJson(`${broken.baseUrl}/healthz/ready`)).toEqual({
        status: 503,
        body: { status: 'degraded', postgres: 'up', redis: 'down' },
      });
      expect(await getJson(`${broken.baseUrl}/healthz/live`)).toEqual({
        status: 200,
        body: { status: 'ok' },
      });
      const started = Date.now();
      const { samples } = await scrape(broken.baseUrl);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(value(samples, 'loris_queue_up', { queue: 'generate' })).toBe(0);
      expect(find(samples, 'loris_queue_jobs')).toEqual([]);
    } finally {
      await broken.app.close();
    }
  });

  it('METRICS_ENABLED=false: no /metrics on the API', async () => {
    const quiet = await startTestApi({ database: api.database, env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await fetch(`${quiet.baseUrl}/metrics`)).status).toBe(404);
      expect((await fetch(`${quiet.baseUrl}/healthz/live`)).status).toBe(200);
    } finally {
      await quiet.app.close();
    }
  });
});
