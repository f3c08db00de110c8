/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Evaluations (issue 15) against the real API and an in-process worker: the built-in default model and a
// pushed copy of the parity model (`loris models push`) evaluated on a small frozen version (two 25 s
// segments of libs/synth dancers in TEST, 2 sampler steps); every refusal before anything is queued; the run
// to the end with its rows and summaries; a sample's bytes equal to a soundtrack request's with the same
// request and seed; the comparison with best marks, the sortable samples, the CSV route and the muxed video;
// cancel; and another tenant that can neither see nor compare any of it.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  createApiKey,
  gql,
  ok,
  REPO_ROOT,
  runLoris,
  signUpTenant,
  SignedUp,
  startWorkerStack,
  TestApi,
  uploadBytes,
  waitFor,
  WorkerStack,
} from '../support';
import { pedestriansWithMusic, requireVtest } from './curation-media';
import { seedVersion, SeededVersion, storeAt } from './evaluation-data';
import { PARITY_MODEL_DIR } from './soundtrack-stack';

jest.setTimeout(600_000);

interface Evaluation {
  id: string;
  status: string;
  totalSamples: number;
  doneSamples: number;
  scorerVersion: string;
  errorCode: string | null;
  models: {
    modelVersionId: string;
    label: string;
    summary: { samples: number; bcs: number; f1: number } | null;
  }[];
}

const EVALUATION_FIELDS = `id status totalSamples doneSamples scorerVersion errorCode
  models { modelVersionId label summary { samples bcs f1 } }`;

describe('evaluations', () => {
  let stack: WorkerStack;
  let api: TestApi;
  let owner: Client;
  let tenant: SignedUp;
  let other: SignedUp;
  let engineerKey: string;
  let viewerKey: string;
  let parityId: string;
  let data: SeededVersion;
  let unfrozen: SeededVersion;
  let unknownGenre: SeededVersion;
  let finished: Evaluation;

  const call = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    who: { token?: string; apiKey?: string } = { apiKey: engineerKey },
  ) => gql<T>(api.graphqlUrl, query, variables, who);
  const start = (input: Record<string, unknown>, who?: { token?: string; apiKey?: string }) =>
    call<{ startEvaluation: Evaluation }>(
      `mutation($input: StartEvaluationInput!) { startEvaluation(input: $input) { ${EVALUATION_FIELDS} } }`,
      { input },
      who,
    );
  const evaluation = async (id: string, who?: { token?: string; apiKey?: string }) =>
    ok(
      await call<{ evaluation: Evaluation }>(
        `query($id: ID!) { evaluation(id: $id) { ${EVALUATION_FIELDS} } }`,
        { id },
        who,
      ),
    ).evaluation;
  const ended = (id: string) =>
    waitFor(
      async () => {
        const found = await evaluation(id);
        return ['QUEUED', 'RUNNING'].includes(found.status) ? undefined : found;
      },
      `evaluation ${id} to end`,
      300_000,
    );
  const runs = async () =>
    (await owner.query(`SELECT count(*)::int AS n FROM evaluation_runs`)).rows[0].n as number;
  const base = () => ({
    modelVersionIds: [BUILTIN_MODEL_VERSION_ID, parityId],
    datasetVersionId: data.versionId,
    sampler: 'dpmpp-2m',
    steps: 2,
    guidance: 2,
    seeds: [5],
  });

  beforeAll(async () => {
    requireVtest();
    stack = await startWorkerStack('evaluations', { WORKER_CONCURRENCY: '1' });
    ({ api, owner } = stack);
    tenant = await signUpTenant(api.graphqlUrl, 'evaluations');
    other = await signUpTenant(api.graphqlUrl, 'evaluations-other');
    engineerKey = (await createApiKey(api.graphqlUrl, tenant.token, 'ENGINEER')).secret;
    viewerKey = (await createApiKey(api.graphqlUrl, tenant.token, 'VIEWER')).secret;
    const store = storeAt(stack.storageDir);
    data = await seedVersion(owner, store, tenant.tenantId, 'eval set', [
      { genre: 'House', split: 'TEST', seed: 1, video: pedestriansWithMusic(stack.work, 26) },
      { genre: 'Krump', split: 'TEST', seed: 2 },
      { genre: 'Pop', split: 'TRAIN', seed: 3 },
    ]);
    unfrozen = await seedVersion(
      owner,
      store,
      tenant.tenantId,
      'draft set',
      [{ genre: 'House', split: 'TEST', seed: 4 }],
      {
        frozen: false,
      },
    );
    unknownGenre = await seedVersion(owner, store, tenant.tenantId, 'salsa set', [
      { genre: 'House', split: 'TEST', seed: 5 },
      { genre: 'Salsa', madeAs: 'Pop', split: 'TEST', seed: 6 },
    ]);
    const dir = join(stack.work, 'parity');
    cpSync(join(REPO_ROOT, PARITY_MODEL_DIR), dir, { recursive: true });
    const pushed = await runLoris(api.baseUrl, engineerKey, [
      'models',
      'push',
      dir,
      '--model',
      'parity',
      '--json',
    ]);
    expect(pushed.stderr).not.toMatch(/error/i);
    expect(pushed.status).toBe(0);
    parityId = (JSON.parse(pushed.stdout) as { id: string }).id;
  });

  afterAll(() => stack?.stop());

  it('refuses, before anything is queued, every evaluation that cannot run', async () => {
    const refusals: [Record<string, unknown>, string, RegExp, { apiKey: string }?][] = [
      [{ datasetVersionId: '00000000-0000-4000-a000-0000000000ff' }, 'NOT_FOUND', /Dataset version/],
      [{ datasetVersionId: unfrozen.versionId }, 'BAD_USER_INPUT', /is not frozen; freeze it first/],
      [
        { split: 'VALID' },
        'BAD_USER_INPUT',
        /The VALID split of dataset version 1 has no segments \(it has TEST 2, TRAIN 1\)/,
      ],
      [
        { datasetVersionId: unknownGenre.versionId },
        'BAD_USER_INPUT',
        /does not know the genre\(s\) "Salsa" of the split; it knows/,
      ],
      [
        { modelVersionIds: ['00000000-0000-4000-a000-0000000000fe'] },
        'NOT_FOUND',
        /Model version .* was not found/,
      ],
      [{ sampler: 'ddim-9000' }, 'BAD_USER_INPUT', /sampler must be one of/],
      [{ steps: 0 }, 'BAD_USER_INPUT', /steps must be an integer from 1 to 1000/],
      [{ guidance: -1 }, 'BAD_USER_INPUT', /guidance must be a number >= 0/],
      [{ seeds: [1, 1] }, 'BAD_USER_INPUT', /names a seed twice/],
      [
        {},
        'FORBIDDEN',
        /Your role \(VIEWER\) may not do this; it needs OWNER or ENGINEER/,
        { apiKey: viewerKey },
      ],
    ];
    for (const [change, code, message, who] of refusals) {
      const res = await start({ ...base(), ...change }, who);
      expect({ change, code: res.errors?.[0]?.extensions?.code }).toEqual({ change, code });
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    // The month's samples quota: 4 samples asked, 3 allowed.
    await owner.query(
      `INSERT INTO tenant_quotas (tenant_id, max_evaluation_samples_per_month) VALUES ($1, 3)
       ON CONFLICT (tenant_id) DO UPDATE SET max_evaluation_samples_per_month = 3`,
      [tenant.tenantId],
    );
    const overQuota = await start(base());
    expect(overQuota.errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');
    expect(overQuota.errors?.[0]?.message).toMatch(/needs 4 samples, but your workspace has 3 of its 3/);
    await owner.query(
      `UPDATE tenant_quotas SET max_evaluation_samples_per_month = NULL WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(await runs()).toBe(0);
  });

  it('runs every segment x version x seed to the end, with its rows, scorer version and summaries', async () => {
    const started = ok(await start(base())).startEvaluation;
    expect(started).toMatchObject({
      status: 'QUEUED',
      totalSamples: 4,
      doneSamples: 0,
      scorerVersion: 'loris-scorer/1',
    });
    expect(started.models.map((m) => m.modelVersionId)).toEqual([BUILTIN_MODEL_VERSION_ID, parityId]);
    finished = await ended(started.id);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', doneSamples: 4, errorCode: null });
    for (const model of finished.models) expect(model.summary).toMatchObject({ samples: 2 });
    expect(finished.models[0].label).toMatch(/^default v1 \(loris-tiny@/);
    expect(finished.models[1].label).toMatch(/^parity v1 \(loris-parity@/);

    const { rows } = await owner.query(
      `SELECT s.segment_id, s.model_version_id, s.seed, s.scorer_version, s.bcs, s.bhs, s.onset_f, s.rhythm_f,
              s.generated_onsets, s.onset_times, a.kind, a.media_type
         FROM evaluation_samples s JOIN artifacts a ON a.id = s.audio_artifact_id WHERE s.run_id = $1`,
      [started.id],
    );
    expect(rows).toHaveLength(4);
    const keys = rows.map((r) => `${r.model_version_id}/${r.segment_id}/${r.seed}`).sort();
    const expected = [BUILTIN_MODEL_VERSION_ID, parityId]
      .flatMap((v) => data.segmentIds.slice(0, 2).map((s) => `${v}/${s}/5`))
      .sort();
    expect(keys).toEqual(expected);
    for (const row of rows) {
      expect(row).toMatchObject({ scorer_version: 'loris-scorer/1', kind: 'WAV', media_type: 'audio/wav' });
      expect(row.onset_times).toHaveLength(row.generated_onsets);
      for (const score of ['bcs', 'bhs', 'onset_f', 'rhythm_f']) {
        expect(row[score]).toBeGreaterThanOrEqual(0);
        expect(row[score]).toBeLessThanOrEqual(1);
      }
    }
    // The month's usage counts the run's samples against the evaluation samples quota.
    const { tenantUsage } = ok(
      await call<{ tenantUsage: { quotas: { kind: string; used: number }[] } }>(
        `{ tenantUsage { quotas { kind used } } }`,
      ),
    );
    expect(tenantUsage.quotas.find((q) => q.kind === 'EVALUATION_SAMPLES')?.used).toBe(4);
    const summaries = await owner.query(`SELECT * FROM evaluation_summaries WHERE run_id = $1`, [started.id]);
    expect(summaries.rows).toHaveLength(2);
    for (const summary of summaries.rows) {
      expect(summary.samples).toBe(2);
      expect(summary.csd).not.toBeNull();
      expect(summary.scorer_version).toBe('loris-scorer/1');
    }
  });

  it('generates the same bytes as a soundtrack request with the same request, version and seed', async () => {
    const upload = await uploadBytes(
      api.baseUrl,
      data.poses[1],
      { apiKey: engineerKey },
      'application/json',
      'poses.json',
    );
    expect(upload.status).toBe(201);
    const requested = ok(
      await call<{ requestSoundtrack: { id: string } }>(
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        {
          input: {
            posesUploadId: upload.body.id,
            genre: 'Krump',
            seconds: 25,
            seed: 5,
            steps: 2,
            sampler: 'dpmpp-2m',
            guidance: 2,
            model: { versionId: parityId },
          },
        },
      ),
    ).requestSoundtrack;
    const job = await waitFor(
      async () => {
        const { rows } = await owner.query(
          `SELECT status, audio_artifact_id FROM soundtrack_jobs WHERE id = $1`,
          [requested.id],
        );
        return ['QUEUED', 'RUNNING'].includes(rows[0].status) ? undefined : rows[0];
      },
      'the soundtrack job to end',
      120_000,
    );
    expect(job.status).toBe('SUCCEEDED');
    const sha = async (sql: string, args: unknown[]) =>
      (await owner.query(sql, args)).rows[0].sha256 as string;
    const jobSha = await sha(`SELECT sha256 FROM artifacts WHERE id = $1`, [job.audio_artifact_id]);
    const sampleSha = await sha(
      `SELECT a.sha256 FROM evaluation_samples s JOIN artifacts a ON a.id = s.audio_artifact_id
        WHERE s.run_id = $1 AND s.model_version_id = $2 AND s.segment_id = $3 AND s.seed = 5`,
      [finished.id, parityId, data.segmentIds[1]],
    );
    expect(sampleSha).toBe(jobSha);
  });

  it('compares evaluations in the paper’s layout with the best value per column marked, as GraphQL and CSV', async () => {
    const { evaluationComparison } = ok(
      await call<{
        evaluationComparison: {
          columns: { key: string; higherIsBetter: boolean }[];
          rows: ({ modelVersionId: string; samples: number; best: string[] } & Record<
            string,
            number | null
          >)[];
          warnings: string[];
        };
      }>(
        `query($ids: [ID!]!) { evaluationComparison(ids: $ids) { columns { key higherIsBetter }
           rows { modelVersionId samples bcs csd bhs hsd f1 onsetF rhythmF best } warnings } }`,
        { ids: [finished.id] },
      ),
    );
    expect(evaluationComparison.columns.map((c) => `${c.key}${c.higherIsBetter ? '+' : '-'}`)).toEqual([
      'bcs+',
      'csd-',
      'bhs+',
      'hsd-',
      'f1+',
      'onsetF+',
      'rhythmF+',
    ]);
    expect(evaluationComparison.warnings).toEqual([]);
    const { rows } = evaluationComparison;
    expect(rows.map((r) => r.modelVersionId)).toEqual([BUILTIN_MODEL_VERSION_ID, parityId]);
    for (const column of evaluationComparison.columns) {
      const values = rows.map((r) => r[column.key] as number);
      const best = column.higherIsBetter ? Math.max(...values) : Math.min(...values);
      for (const row of rows) {
        expect({ column: column.key, best: row.best.includes(column.key) }).toEqual({
          column: column.key,
          best: Math.abs((row[column.key] as number) - best) < 1e-9,
        });
      }
    }
    // The summary's F1 x100 is the table's.
    expect(rows[0].f1).toBeCloseTo(finished.models[0].summary!.f1 * 100, 6);

    const csv = await fetch(`${api.baseUrl}/v1/evaluations/compare.csv?ids=${finished.id}`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^evaluation_id,model_version_id,model,.*BCS \(higher is better\),CSD \(lower is better\)/,
    );
    expect(lines[1]).toContain(`${finished.id},${BUILTIN_MODEL_VERSION_ID},default v1`);
    expect(Number(lines[1].split(',')[7])).toBeCloseTo(rows[0].bcs as number, 3);

    // `loris evaluations compare` prints the same table (best starred) and, with --csv, the same CSV.
    const text = await runLoris(api.baseUrl, viewerKey, ['evaluations', 'compare', finished.id]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/BCS↑ +CSD↓ +BHS↑ +HSD↓ +F1↑/);
    expect(text.stdout).toContain('default v1');
    expect(text.stdout).toMatch(/\d+\.\d\*/);
    const csvByCli = await runLoris(api.baseUrl, viewerKey, ['evaluations', 'compare', finished.id, '--csv']);
    expect(csvByCli.stdout.trimEnd().split('\r\n')).toEqual(lines);
    const shown = await runLoris(api.baseUrl, viewerKey, ['evaluations', 'show', finished.id, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: finished.id, status: 'SUCCEEDED', doneSamples: 4 });

    const missing = await fetch(`${api.baseUrl}/v1/evaluations/compare.csv`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(missing.status).toBe(400);
    const anonymous = await fetch(`${api.baseUrl}/v1/evaluations/compare.csv?ids=${finished.id}`);
    expect(anonymous.status).toBe(401);
  });

  it('lists samples sorted by any score, with the files to listen to and the video muxed in', async () => {
    const page = async (sort: string, descending: boolean) =>
      ok(
        await call<{
          evaluationSamples: {
            edges: {
              node: {
                id: string;
                onsetF: number;
                f1: number;
                audioArtifactId: string;
                groundTruthArtifactId: string;
                hasVideo: boolean;
                segmentId: string;
              };
            }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(
          `query($ids: [ID!]!, $sort: EvaluationSampleSort!, $d: Boolean!) {
             evaluationSamples(ids: $ids, sort: $sort, descending: $d, first: 3) {
               edges { node { id onsetF f1 audioArtifactId groundTruthArtifactId hasVideo segmentId } }
               pageInfo { hasNextPage endCursor } } }`,
          { ids: [finished.id], sort, d: descending },
        ),
      ).evaluationSamples;
    const down = await page('ONSET_F', true);
    expect(down.edges).toHaveLength(3);
    expect(down.pageInfo.hasNextPage).toBe(true);
    const values = down.edges.map((e) => e.node.onsetF);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const up = await page('F1', false);
    expect(up.edges.map((e) => e.node.f1)).toEqual(up.edges.map((e) => e.node.f1).sort((a, b) => a - b));

    const withVideo = down.edges.concat(up.edges).find((e) => e.node.hasVideo)!.node;
    expect(withVideo.segmentId).toBe(data.segmentIds[0]);
    const wav = await fetch(`${api.baseUrl}/v1/media/${withVideo.audioArtifactId}`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(wav.status).toBe(200);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    const truth = await fetch(`${api.baseUrl}/v1/media/${withVideo.groundTruthArtifactId}`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(truth.status).toBe(200);
    const mp4 = await fetch(`${api.baseUrl}/v1/evaluations/samples/${withVideo.id}/video.mp4`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(mp4.status).toBe(200);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    const path = join(stack.work, 'sample.mp4');
    writeFileSync(path, Buffer.from(await mp4.arrayBuffer()));
    const streams = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', path],
      {
        encoding: 'utf8',
      },
    );
    expect(streams.trim().split('\n').sort()).toEqual(['audio', 'video']);
    const imported = down.edges.concat(up.edges).find((e) => !e.node.hasVideo)!.node;
    const none = await fetch(`${api.baseUrl}/v1/evaluations/samples/${imported.id}/video.mp4`, {
      headers: { 'x-api-key': viewerKey },
    });
    expect(none.status).toBe(404);
    expect(readFileSync(path).length).toBeGreaterThan(1000);
  });

  it('cancels a running evaluation, which then writes nothing more', async () => {
    const started = ok(await start({ ...base(), steps: 30, seeds: [1, 2] })).startEvaluation;
    const cancelled = ok(
      await call<{ cancelEvaluation: Evaluation }>(
        `mutation($id: ID!) { cancelEvaluation(id: $id) { ${EVALUATION_FIELDS} } }`,
        {
          id: started.id,
        },
      ),
    ).cancelEvaluation;
    expect(cancelled.status).toBe('CANCELLED');
    const again = await call(`mutation($id: ID!) { cancelEvaluation(id: $id) { id } }`, { id: started.id });
    expect(again.errors?.[0]?.message).toMatch(/already ended \(CANCELLED\)/);
    const count = async () =>
      (await owner.query(`SELECT count(*)::int AS n FROM evaluation_samples WHERE run_id = $1`, [started.id]))
        .rows[0].n;
    const before = await count();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await count()).toBe(before);
    expect((await evaluation(started.id)).status).toBe('CANCELLED');
  });

  it('shows another workspace none of it: not the run, its samples, its comparison, its CSV or its rows', async () => {
    const them = { token: other.token };
    const read = await call(`query($id: ID!) { evaluation(id: $id) { id } }`, { id: finished.id }, them);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const compared = await call(
      `query($ids: [ID!]!) { evaluationComparison(ids: $ids) { rows { label } } }`,
      { ids: [finished.id] },
      them,
    );
    expect(compared.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const samples = await call(
      `query($ids: [ID!]!) { evaluationSamples(ids: $ids) { edges { node { id } } } }`,
      { ids: [finished.id] },
      them,
    );
    expect(samples.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = ok(
      await call<{ evaluations: { edges: unknown[] } }>(
        `{ evaluations { edges { node { id } } } }`,
        {},
        them,
      ),
    );
    expect(list.evaluations.edges).toEqual([]);
    const csv = await fetch(`${api.baseUrl}/v1/evaluations/compare.csv?ids=${finished.id}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(csv.status).toBe(404);
    // Their own start cannot name this tenant's data either.
    const theirs = await start({ ...base(), modelVersionIds: [BUILTIN_MODEL_VERSION_ID] }, them);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // And the database itself: the app role as the other tenant sees no row of any evaluation table.
    const app = new Client({ connectionString: api.config.database.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [other.tenantId]);
      for (const table of [
        'evaluation_runs',
        'evaluation_run_models',
        'evaluation_samples',
        'evaluation_summaries',
      ]) {
        const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
