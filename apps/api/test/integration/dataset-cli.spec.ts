/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// `loris dataset import` and `loris dataset export` (issue 14) as a curator runs them, against the real
// API and an in-process worker: a folder with a good video and a text file named .mp4 is imported with
// --wait (the bad file refused on its own, the good one ingested), the segment accepted and frozen through
// the API, the version exported as the trainer's manifest, and the trainer trains its tiny config for two
// steps on that export. The CLI runs as a child process, asynchronously: the API answering it lives in
// this process, so a blocking spawn would deadlock.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { BLOB_STORE } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import {
  createApiKey,
  Credentials,
  gql,
  ok,
  REPO_ROOT,
  runLoris,
  runProcess,
  signUpTenant,
  startWorkerStack,
  TestApi,
  WorkerStack,
} from '../support';
import { pedestriansWithMusic, requireVtest } from './curation-media';

jest.setTimeout(600_000);

describe('loris dataset import and export against the real API', () => {
  let api: TestApi;
  let stack: WorkerStack;
  let owner: Client;
  let work: string;
  let ownerToken: string;
  let curator: Credentials;
  let viewerKey: string;
  let datasetId: string;
  let versionId: string;

  const loris = (args: string[], apiKey = curator.apiKey!) => runLoris(api.baseUrl, apiKey, args);
  const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, curator));

  beforeAll(async () => {
    requireVtest();
    stack = await startWorkerStack('dataset-cli', { WORKER_CONCURRENCY: '1' });
    ({ api, owner, work } = stack);
    const signedUp = await signUpTenant(api.graphqlUrl, 'dataset-cli');
    ownerToken = signedUp.token;
    curator = { apiKey: (await createApiKey(api.graphqlUrl, ownerToken, 'CURATOR')).secret };
    viewerKey = (await createApiKey(api.graphqlUrl, ownerToken, 'VIEWER')).secret;
    // 10 poses a second keeps MoveNet's share small; the trainer uses the stored rhythm, not the poses' rate.
    datasetId = ok(
      await gql<{ createDataset: { id: string } }>(
        api.graphqlUrl,
        `mutation { createDataset(input: { name: "cli import", category: DANCE, segmentLengths: [25], poseFps: 10 }) { id } }`,
        {},
        { token: ownerToken },
      ),
    ).createDataset.id;
  });

  afterAll(() => stack?.stop());

  it('imports a folder of videos with --wait: the bad file refused on its own, the good one ingested', async () => {
    const folder = join(work, 'videos');
    mkdirSync(folder);
    pedestriansWithMusic(folder, 26, 'good.mp4');
    writeFileSync(join(folder, 'bad.mp4'), 'a text file, not a video\n'.repeat(50));
    writeFileSync(join(folder, 'notes.txt'), 'shot on 2026-12-01');

    const imported = await loris(['dataset', 'import', folder, '--dataset', datasetId, '--wait', '--json']);
    // One file failed, so the command says so and exits 1, after the whole batch ran.
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(
      /\nloris: .*videos: 1 of 2 file\(s\) were not imported \(see their errors above\); the others were \[IMPORT_INCOMPLETE\]\n$/,
    );
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    const output = JSON.parse(imported.stdout);
    expect(output).toMatchObject({ datasetId, waited: true, ignored: ['notes.txt'] });
    const [bad, good] = output.items;
    expect(bad).toMatchObject({
      file: 'bad.mp4',
      uploadId: null,
      videoId: null,
      status: 'UPLOAD_FAILED',
      error: { code: expect.any(String), message: expect.stringContaining('not a usable video') },
    });
    expect(good).toMatchObject({ file: 'good.mp4', status: 'READY', progress: 1, segments: 1, error: null });
    // Progress, a line per change: the refusal, the queued video, its ingest and its end.
    expect(imported.stderr).toMatch(/^bad\.mp4: UPLOAD_FAILED: .*not a usable video/m);
    expect(imported.stderr).toMatch(/^good\.mp4: QUEUED$/m);
    expect(imported.stderr).toMatch(/^good\.mp4: INGESTING \d+%$/m);
    expect(imported.stderr).toMatch(/^good\.mp4: READY, 1 segment$/m);
    // The upload keeps the file's name (X-File-Name).
    const { rows } = await owner.query('SELECT file_name FROM artifacts WHERE id = $1', [good.uploadId]);
    expect(rows).toEqual([{ file_name: 'good.mp4' }]);
    const { video } = await call<{ video: { status: string; segmentCount: number } }>(
      `query($id: ID!) { video(id: $id) { status segmentCount } }`,
      { id: good.videoId },
    );
    expect(video).toEqual({ status: 'READY', segmentCount: 1 });
  });

  it('refuses, in words, a dataset of another workspace, a bad key and a key whose role cannot upload', async () => {
    const folder = join(work, 'one');
    mkdirSync(folder);
    writeFileSync(join(folder, 'clip.mp4'), 'x');
    const missing = await loris([
      'dataset',
      'import',
      folder,
      '--dataset',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(missing).toMatchObject({ status: 1, stdout: '' });
    expect(missing.stderr).toBe(
      'loris: Dataset 00000000-0000-4000-8000-000000000000 was not found in the workspace of the key in ' +
        'LORIS_API_KEY [NOT_FOUND]\n',
    );
    const badKey = await loris(['dataset', 'import', folder, '--dataset', datasetId], 'lk_not_a_real_key');
    expect(badKey.status).toBe(1);
    expect(badKey.stderr).toMatch(
      new RegExp(
        `^loris: the API at ${api.baseUrl} refused the key in LORIS_API_KEY \\(.+\\): check that it is copied whole .* \\[UNAUTHENTICATED\\]\\n$`,
      ),
    );
    const viewer = await loris(['dataset', 'import', folder, '--dataset', datasetId], viewerKey);
    expect(viewer.status).toBe(1);
    expect(viewer.stderr).toMatch(
      /^loris: .+: the role of the key in LORIS_API_KEY does not allow this; .* \[FORBIDDEN\]\n$/,
    );
  });

  it('exports a frozen version as the trainer’s manifest, which the trainer trains on for 2 steps', async () => {
    const { segments } = await call<{ segments: { edges: { node: { id: string } }[] } }>(
      `query($d: ID!) { segments(datasetId: $d) { edges { node { id } } } }`,
      { d: datasetId },
    );
    expect(segments.edges).toHaveLength(1);
    const segmentId = segments.edges[0].node.id;
    await call(
      `mutation($ids: [ID!]!) { reviewSegments(input: { ids: $ids, decision: ACCEPT, genre: "Pop" }) { id } }`,
      { ids: [segmentId] },
    );
    versionId = (
      await call<{ freezeDatasetVersion: { id: string } }>(
        `mutation($d: ID!) { freezeDatasetVersion(datasetId: $d, input: { splitSeed: 3 }) { id } }`,
        { d: datasetId },
      )
    ).freezeDatasetVersion.id;

    const out = join(work, 'export');
    const exportStarted = Date.now();
    const exported = await loris([
      'dataset',
      'export',
      versionId,
      '--format',
      'manifest',
      '--out',
      out,
      '--json',
    ]);
    console.log(`loris dataset export of 1 segment: ${((Date.now() - exportStarted) / 1000).toFixed(1)} s`);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const summary = JSON.parse(exported.stdout);
    expect(summary).toMatchObject({
      out,
      manifest: join(out, 'manifest.jsonl'),
      version: { id: versionId, datasetId, number: 1 },
      examples: 1,
      splits: { train: 1, val: 0, test: 0 },
      skipped: [],
    });
    const lines = readFileSync(join(out, 'manifest.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toEqual({
      id: segmentId,
      audio: `audio/${segmentId}.wav`,
      poses: `poses/${segmentId}.json`,
      features: `features/${segmentId}.npy`,
      rhythm: `rhythm/${segmentId}.json`,
      genre: 'Pop',
      split: 'train',
      seconds: 25,
      videoId: expect.any(String),
      startSeconds: 0,
    });
    // The files as the API stores them, but the rhythm in the trainer's shape: a binary peak per envelope value.
    const stored = await mediaOf(segmentId);
    expect(readFileSync(join(out, line.audio))).toEqual(stored.audio);
    expect(readFileSync(join(out, line.poses))).toEqual(stored.poses);
    expect(readFileSync(join(out, line.features))).toEqual(stored.poseFeatures);
    const storedRhythm = JSON.parse(stored.visualRhythm.toString());
    const rhythm = JSON.parse(readFileSync(join(out, line.rhythm), 'utf8'));
    expect(rhythm.variant).toBe('paper');
    expect(rhythm.peaks).toHaveLength(storedRhythm.envelope.length);
    expect(rhythm.peaks.flatMap((p: number, i: number) => (p ? [i + 1] : []))).toEqual(
      storedRhythm.peakFrames,
    );
    expect(storedRhythm.peakFrames.length).toBeGreaterThan(0);
    // Nothing else beside it: the partial folder was renamed into place.
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);

    const runDir = join(work, 'run');
    const started = Date.now();
    const trained = await runProcess(
      '/usr/bin/python3',
      [
        '-m',
        'loris_trainer',
        'train',
        '--config',
        'tiny',
        '--manifest',
        out,
        '--out',
        runDir,
        '--steps',
        '2',
      ],
      { cwd: join(REPO_ROOT, 'apps', 'trainer') },
    );
    console.log(
      `trainer, tiny config, 2 steps on the export: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect({ status: trained.status, stderr: trained.status === 0 ? '' : trained.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(existsSync(join(runDir, 'checkpoints'))).toBe(true);

    // An export never lands on files already there.
    const again = await loris(['dataset', 'export', versionId, '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists and is not an empty folder; .* \[OUT_EXISTS\]\n$/);
  });

  it('leaves no half-written folder when a file cannot be downloaded mid-way', async () => {
    // The segment's rhythm blob goes missing from the store: its download fails after the others started.
    const { rows } = await owner.query(
      `SELECT a.sha256 FROM segments s JOIN artifacts a ON a.id = s.visual_rhythm_artifact_id WHERE s.dataset_id = $1`,
      [datasetId],
    );
    const store = api.app.get<BlobStore>(BLOB_STORE);
    const sha256: string = rows[0].sha256;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.createReadStream(sha256)) chunks.push(chunk as Buffer);
    await store.delete(sha256);
    try {
      const out = join(work, 'broken');
      const failed = await loris(['dataset', 'export', versionId, '--out', out]);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toBe('');
      expect(failed.stderr).toMatch(/^loris: .+ \[[A-Z_]+\]\n$/);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
    } finally {
      await store.put(Readable.from([Buffer.concat(chunks)]));
    }
  });

  it('pages through a version’s segments with their splits (the API the export reads)', async () => {
    const res = await gql<{
      datasetVersion: {
        segments: { edges: { node: { split: string; segment: { id: string; genre: string } } }[] };
      };
    }>(
      api.graphqlUrl,
      `query($id: ID!) { datasetVersion(id: $id) { segments(first: 1) { edges { node { split segment { id genre } } }
         pageInfo { hasNextPage } } } }`,
      { id: versionId },
      { apiKey: viewerKey },
    );
    expect(ok(res).datasetVersion.segments.edges).toEqual([
      { node: { split: 'TRAIN', segment: { id: expect.any(String), genre: 'Pop' } } },
    ]);
    const other = await signUpTenant(api.graphqlUrl, 'dataset-cli-other');
    const hidden = await gql(
      api.graphqlUrl,
      `query($id: ID!) { datasetVersion(id: $id) { segments { edges { node { split } } } } }`,
      { id: versionId },
      { token: other.token },
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  /** The segment's files as the media route serves them. */
  async function mediaOf(
    segmentId: string,
  ): Promise<Record<'audio' | 'poses' | 'poseFeatures' | 'visualRhythm', Buffer>> {
    const { segment } = await call<{ segment: Record<string, { url: string }> }>(
      `query($id: ID!) { segment(id: $id) { audio { url } poses { url } poseFeatures { url } visualRhythm { url } } }`,
      { id: segmentId },
    );
    const get = async (url: string) => {
      const res = await fetch(`${api.baseUrl}${url}`, { headers: { 'x-api-key': curator.apiKey! } });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    return {
      audio: await get(segment.audio.url),
      poses: await get(segment.poses.url),
      poseFeatures: await get(segment.poseFeatures.url),
      visualRhythm: await get(segment.visualRhythm.url),
    };
  }
});
