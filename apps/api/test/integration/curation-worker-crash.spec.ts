/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// A worker process killed (SIGKILL) in the middle of a video's ingest (issue 14): Bull hands the job to
// another worker once the dead one's lock expires, and that one finishes the video without redoing or
// duplicating the segment the first had written, and with no segment row lacking its files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  buildApps,
  gql,
  ok,
  signUpTenant,
  spawnWorkerProcess,
  startTestApi,
  startTestWorker,
  TestApi,
  TestWorker,
  uploadBytes,
  waitFor,
  WorkerProcess,
} from '../support';
import { requireVtest, pedestriansWithMusic } from './curation-media';

jest.setTimeout(240_000);

describe('a worker killed mid-ingest', () => {
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  let doomed: WorkerProcess | undefined;
  let survivor: TestWorker | undefined;

  beforeAll(async () => {
    requireVtest();
    buildApps();
    storageDir = mkdtempSync(join(tmpdir(), 'loris-ingest-crash-'));
    api = await startTestApi({
      env: { STORAGE_DIR: storageDir, WORKER_LOCK_MS: '1500', WORKER_CONCURRENCY: '1' },
    });
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await doomed?.kill();
    await survivor?.stop();
    await owner?.end();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('is finished by another worker, each segment once', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'ingest-crash');
    const creds = { token: tenant.token };
    const datasetId = ok(
      await gql<{ createDataset: { id: string } }>(
        api.graphqlUrl,
        `mutation { createDataset(input: { name: "crash", category: DANCE, poseFps: 10 }) { id } }`,
        {},
        creds,
      ),
    ).createDataset.id;
    const mediaDir = mkdtempSync(join(tmpdir(), 'loris-ingest-crash-media-'));
    const upload = await uploadBytes(api.baseUrl, pedestriansWithMusic(mediaDir, 52), creds);
    rmSync(mediaDir, { recursive: true, force: true });
    doomed = await spawnWorkerProcess(api.config);
    const videoId = ok(
      await gql<{ addVideosToDataset: { video: { id: string } }[] }>(
        api.graphqlUrl,
        `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) { video { id } } }`,
        { d: datasetId, u: [upload.body.id] },
        creds,
      ),
    ).addVideosToDataset[0].video.id;
    const state = async () =>
      (
        await owner.query(
          `SELECT v.status, v.attempts, (SELECT count(*) FROM segments s WHERE s.video_id = v.id)::int AS segments
           FROM videos v WHERE v.id = $1`,
          [videoId],
        )
      ).rows[0];

    // 52 s of dance: two 25 s segments. Kill the worker once the first is written, before the second.
    await waitFor(
      async () => {
        const row = await state();
        return row.status === 'INGESTING' && row.segments === 1 ? row : undefined;
      },
      'the first worker to write its first segment',
      120_000,
    );
    await doomed.kill();
    expect(await state()).toMatchObject({ status: 'INGESTING', segments: 1 });

    survivor = await startTestWorker(api.config);
    const done = await waitFor(
      async () => {
        const row = await state();
        return row.status === 'INGESTING' || row.status === 'QUEUED' ? undefined : row;
      },
      'the ingest to finish on the second worker',
      120_000,
    );
    expect(done).toEqual({ status: 'READY', attempts: 2, segments: 2 });
    const { rows } = await owner.query(
      `SELECT start_seconds, length_seconds FROM segments WHERE video_id = $1 ORDER BY start_seconds`,
      [videoId],
    );
    expect(rows).toEqual([
      { start_seconds: 0, length_seconds: 25 },
      { start_seconds: 25, length_seconds: 25 },
    ]);
    // Artifact rows are written with their segment, in one transaction: a killed run leaves none behind.
    const artifacts = await owner.query(
      `SELECT kind, count(*)::int AS n FROM artifacts WHERE tenant_id = $1 AND kind <> 'VIDEO' GROUP BY kind ORDER BY kind::text`,
      [tenant.tenantId],
    );
    expect(artifacts.rows).toEqual(
      ['AUDIO_ONSETS', 'POSE_FEATURES', 'SEGMENT_POSES', 'SEGMENT_WAV', 'THUMBNAIL', 'VISUAL_RHYTHM'].map(
        (kind) => ({
          kind,
          n: 2,
        }),
      ),
    );
  });
});
