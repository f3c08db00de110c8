/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Dataset curation end to end on the real stack (issue 14): uploads added to a dataset, one ingest job
// per video on the real worker (ffmpeg, MoveNet, libs/rhythm, libs/audio), the bad inputs of the issue each
// refused with its reason while the rest of the batch goes on, the segments reviewed by role, and frozen
// versions with a reproducible split and Table-1 statistics. Footage: OpenCV's vtest.avi with a beeping
// "music" track (curation-media.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { readWav } from '@loris/audio';
import { IngestTimings, IngestVideoHandler } from '@loris/domain';
import { BLOB_STORE } from '@loris/engine';
import { onsetFMeasure } from '@loris/metrics';
import { BlobStore } from '@loris/storage';
import {
  createApiKey,
  Credentials,
  gql,
  ok,
  signUpTenant,
  startWorkerStack,
  subscribe,
  synthPosesJson,
  TestApi,
  TestWorker,
  WorkerStack,
  uploadBytes,
  waitFor,
  wsClient,
} from '../support';
import {
  requireVtest,
  nobodyWithMusic,
  pedestriansSilent,
  pedestriansWithMusic,
  truncated,
} from './curation-media';

jest.setTimeout(300_000);

const VIDEO_FIELDS = `id status progress durationSeconds fps width height hasAudio failureCode failureReason segmentCount`;
const SEGMENT_FIELDS = `id videoId startSeconds lengthSeconds category genre status reason note flags syncFMeasure
  reviewedBy reviewedAt audio { id url } video { url } poses { url } poseFeatures { url } visualRhythm { url }
  onsets { url } thumbnail { url }`;

interface Video {
  id: string;
  status: string;
  progress: number;
  durationSeconds: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean | null;
  failureCode: string | null;
  failureReason: string | null;
  segmentCount: number;
}

interface Segment {
  id: string;
  videoId: string;
  startSeconds: number;
  lengthSeconds: number;
  genre: string | null;
  status: string;
  reason: string | null;
  flags: string[];
  syncFMeasure: number | null;
  audio: { id: string; url: string };
  video: { url: string } | null;
  poses: { url: string } | null;
  poseFeatures: { url: string } | null;
  visualRhythm: { url: string } | null;
  onsets: { url: string } | null;
  thumbnail: { url: string } | null;
}

describe('dataset curation: ingest, review, versions', () => {
  let stack: WorkerStack;
  let api: TestApi;
  let worker: TestWorker;
  let owner: Client;
  let mediaDir: string;
  let tenantId: string;
  let ownerCreds: Credentials;
  let curator: Credentials;
  let engineer: Credentials;
  let viewer: Credentials;
  let datasetId: string;
  const videos: Record<string, string> = {};

  const call = async <T>(query: string, variables: Record<string, unknown>, creds: Credentials = curator) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, creds));
  const video = async (id: string) =>
    (await call<{ video: Video }>(`query($id: ID!) { video(id: $id) { ${VIDEO_FIELDS} } }`, { id })).video;
  const segmentsOf = async (filter: Record<string, unknown> = {}, first = 50, after?: string) =>
    (
      await call<{
        segments: { edges: { node: Segment }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }>(
        `query($d: ID!, $f: SegmentFilterInput, $first: Int, $after: String) {
           segments(datasetId: $d, filter: $f, first: $first, after: $after) {
             edges { node { ${SEGMENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { d: datasetId, f: filter, first, after },
      )
    ).segments;
  const media = async (url: string) => {
    const res = await fetch(`${api.baseUrl}${url}`, { headers: { 'x-api-key': curator.apiKey! } });
    expect(res.status).toBe(200);
    return { type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const review = (input: Record<string, unknown>, creds: Credentials = curator) =>
    gql<{
      reviewSegments: {
        id: string;
        segment: Segment | null;
        error: { code: string; message: string } | null;
      }[];
    }>(
      api.graphqlUrl,
      `mutation($input: ReviewSegmentsInput!) { reviewSegments(input: $input) {
         id segment { id status reason genre reviewedAt } error { code message } } }`,
      { input },
      creds,
    );
  const freeze = (input: Record<string, unknown>, creds: Credentials = curator) =>
    gql<{ freezeDatasetVersion: Record<string, unknown> & { id: string } }>(
      api.graphqlUrl,
      `mutation($d: ID!, $input: FreezeDatasetVersionInput!) { freezeDatasetVersion(datasetId: $d, input: $input) {
         id number splitSeed splitBy ratios { train valid test } frozenAt
         stats { segments totalSeconds totalHours sourceVideos byCategory { key count } byLength { key count }
                 byGenre { key count } bySplit { key count } } } }`,
      { d: datasetId, input },
      creds,
    );

  beforeAll(async () => {
    requireVtest();
    stack = await startWorkerStack('curation', { WORKER_CONCURRENCY: '1' });
    ({ api, worker, owner } = stack);
    mediaDir = join(stack.work, 'media');
    mkdirSync(mediaDir);
    const signedUp = await signUpTenant(api.graphqlUrl, 'curation');
    tenantId = signedUp.tenantId;
    ownerCreds = { token: signedUp.token };
    curator = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'CURATOR')).secret };
    engineer = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'ENGINEER')).secret };
    viewer = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'VIEWER')).secret };
    // 10 poses a second keeps MoveNet's share of the suite small; the setting is the dataset's own.
    datasetId = (
      await call<{ createDataset: { id: string } }>(
        `mutation { createDataset(input: { name: "street dance", category: DANCE, poseFps: 10 }) { id } }`,
        {},
        ownerCreds,
      )
    ).createDataset.id;
  });

  afterAll(() => stack?.stop());

  it('gives a dataset the paper’s segment lengths and the serving model’s pose rate unless told', async () => {
    const { createDataset } = await call<{ createDataset: { segmentLengths: number[]; poseFps: number } }>(
      `mutation { createDataset(input: { name: "floor", category: FLOOR_EXERCISE }) { segmentLengths poseFps } }`,
      {},
      ownerCreds,
    );
    expect(createDataset).toEqual({ segmentLengths: [25, 50], poseFps: 30 });
    const refused = await gql(
      api.graphqlUrl,
      `mutation { createDataset(input: { name: "bad", category: DANCE, segmentLengths: [30] }) { id } }`,
      {},
      ownerCreds,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('segmentLengths must list 25, 50 or both'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('ingests a batch: the good videos are cut, every bad one is refused with its reason, per item', async () => {
    const good = pedestriansWithMusic(mediaDir, 30);
    const files: Record<string, Buffer> = {
      good,
      short: pedestriansWithMusic(mediaDir, 10),
      silent: pedestriansSilent(mediaDir, 30),
      truncated: truncated(pedestriansWithMusic(mediaDir, 30, 'whole.mp4')),
      nobody: nobodyWithMusic(mediaDir, 26),
    };
    const uploads: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files)) {
      const res = await uploadBytes(api.baseUrl, bytes, curator);
      expect({ name, status: res.status }).toEqual({ name, status: 201 });
      uploads[name] = res.body.id as string;
    }
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(3), curator);
    const missing = '00000000-0000-4000-8000-000000000000';
    const order = ['good', 'short', 'poses', 'silent', 'missing', 'truncated', 'nobody'];
    const ids = order.map((name) =>
      name === 'poses' ? (poses.body.id as string) : name === 'missing' ? missing : uploads[name],
    );
    const { addVideosToDataset } = await call<{
      addVideosToDataset: {
        uploadId: string;
        video: Video | null;
        error: { code: string; message: string } | null;
      }[];
    }>(
      `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) {
         uploadId video { ${VIDEO_FIELDS} } error { code message } } }`,
      { d: datasetId, u: ids },
    );
    expect(addVideosToDataset.map((item) => item.uploadId)).toEqual(ids);
    const byName = Object.fromEntries(order.map((name, i) => [name, addVideosToDataset[i]]));
    expect(byName.poses).toEqual({
      uploadId: poses.body.id,
      video: null,
      error: { code: 'NOT_A_VIDEO', message: expect.stringContaining('is a pose track, not a video') },
    });
    expect(byName.missing.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    for (const name of ['good', 'short', 'silent', 'truncated', 'nobody']) {
      expect(byName[name]).toMatchObject({ error: null, video: { status: 'QUEUED', segmentCount: 0 } });
      videos[name] = byName[name].video!.id;
    }

    // The same upload again: its video, not a second one.
    const again = await call<{ addVideosToDataset: { video: { id: string } }[] }>(
      `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) { video { id } } }`,
      { d: datasetId, u: [uploads.good] },
    );
    expect(again.addVideosToDataset[0].video.id).toBe(videos.good);

    // Live progress of the good video, as the console's progress bar gets it.
    const ws = wsClient(api.graphqlUrl, curator);
    const live = subscribe<{ videoUpdated: Video }>(
      ws,
      `subscription($id: ID!) { videoUpdated(id: $id) { id status progress segmentCount } }`,
      { id: videos.good },
    );
    const ended = async (id: string) => {
      const v = await video(id);
      return ['READY', 'FAILED', 'CANCELLED'].includes(v.status) ? v : undefined;
    };
    const results: Record<string, Video> = {};
    for (const name of Object.keys(videos))
      results[name] = await waitFor(() => ended(videos[name]), `${name} to end`, 240_000);
    expect(await live.done).toEqual([]);
    await live.close();
    const updates = live.data.map((d) => d.videoUpdated);
    expect(updates.at(-1)).toMatchObject({ status: 'READY', progress: 1, segmentCount: 1 });
    expect(updates.some((u) => u.status === 'INGESTING' && u.progress > 0 && u.progress < 1)).toBe(true);

    expect(results.good).toMatchObject({
      status: 'READY',
      fps: 10,
      width: 320,
      height: 240,
      hasAudio: true,
      failureCode: null,
      segmentCount: 1,
    });
    expect(results.good.durationSeconds).toBeCloseTo(30, 0);
    expect(results.short).toMatchObject({
      status: 'FAILED',
      failureCode: 'TOO_SHORT',
      failureReason: 'The video lasts 10.0 s, shorter than one 25 s segment.',
      segmentCount: 0,
    });
    expect(results.silent).toMatchObject({
      status: 'FAILED',
      failureCode: 'NO_AUDIO',
      hasAudio: false,
      failureReason: expect.stringContaining('no audio stream'),
      segmentCount: 0,
    });
    expect(results.truncated).toMatchObject({
      status: 'FAILED',
      failureCode: 'MEDIA_CORRUPT',
      failureReason: expect.stringContaining('truncated or damaged'),
      segmentCount: 0,
    });
    // Nobody in the frames: the segment is kept, flagged, without rhythm (or sync cue).
    expect(results.nobody).toMatchObject({ status: 'READY', segmentCount: 1 });
  });

  it('stores every segment whole: its files in the blob store, the sync cue computed from them', async () => {
    const { edges } = await segmentsOf();
    expect(edges).toHaveLength(2);
    const good = edges.find((e) => e.node.videoId === videos.good)!.node;
    const nobody = edges.find((e) => e.node.videoId === videos.nobody)!.node;
    expect(good).toMatchObject({
      startSeconds: 0,
      lengthSeconds: 25,
      status: 'PENDING',
      flags: [],
      genre: null,
    });
    expect(nobody).toMatchObject({
      flags: ['no_person'],
      visualRhythm: null,
      poseFeatures: null,
      syncFMeasure: null,
    });
    expect(nobody.poses).not.toBeNull();

    // No row points at a missing artifact or blob.
    const store = api.app.get<BlobStore>(BLOB_STORE);
    const { rows } = await owner.query(
      `SELECT a.kind, a.sha256 FROM segments s JOIN artifacts a ON a.id IN (s.wav_artifact_id, s.poses_artifact_id,
         s.pose_features_artifact_id, s.visual_rhythm_artifact_id, s.onsets_artifact_id, s.thumbnail_artifact_id)
       WHERE s.dataset_id = $1`,
      [datasetId],
    );
    expect(rows.map((r) => r.kind).sort()).toEqual(
      [
        'AUDIO_ONSETS',
        'AUDIO_ONSETS',
        'POSE_FEATURES',
        'SEGMENT_POSES',
        'SEGMENT_POSES',
        'SEGMENT_WAV',
        'SEGMENT_WAV',
        'THUMBNAIL',
        'THUMBNAIL',
        'VISUAL_RHYTHM',
      ].sort(),
    );
    for (const row of rows) expect(await store.stat(row.sha256)).not.toBeNull();

    // segment(id), and each file through the media route.
    const { segment } = await call<{ segment: Segment }>(
      `query($id: ID!) { segment(id: $id) { ${SEGMENT_FIELDS} } }`,
      {
        id: good.id,
      },
    );
    expect(segment).toEqual(good);
    const wav = readWav((await media(segment.audio.url)).body);
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0].length).toBe(25 * 22050);
    const track = JSON.parse((await media(segment.poses!.url)).body.toString());
    expect(track.fps).toBe(10);
    expect(track.keypoints).toHaveLength(250);
    expect(track.keypoints[0]).toHaveLength(17);
    const features = (await media(segment.poseFeatures!.url)).body;
    expect(features.subarray(1, 6).toString()).toBe('NUMPY');
    expect(features.toString('latin1', 10, 80)).toContain("'shape': (250, 68)");
    const rhythm = JSON.parse((await media(segment.visualRhythm!.url)).body.toString());
    expect(rhythm).toMatchObject({ variant: 'paper', fps: 10 });
    const onsets = JSON.parse((await media(segment.onsets!.url)).body.toString());
    // The beeps: one a second.
    expect(onsets.beatsPerSecond).toHaveLength(25);
    expect(onsets.onsetTimes.length).toBeGreaterThanOrEqual(20);
    expect(segment.syncFMeasure).toBeCloseTo(onsetFMeasure(rhythm.peakTimes, onsets.onsetTimes).fMeasure, 5);
    const thumbnail = await media(segment.thumbnail!.url);
    expect(thumbnail.type).toBe('image/jpeg');
    expect([...thumbnail.body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(segment.video!.url).toMatch(/^\/v1\/media\//);
  });

  it('re-runs an ingest without redoing or duplicating a segment (the key is video, start, length)', async () => {
    const count = async () =>
      (
        await owner.query(
          `SELECT (SELECT count(*) FROM segments WHERE video_id = $1)::int AS segments,
                  (SELECT count(*) FROM artifacts WHERE tenant_id = $2)::int AS artifacts`,
          [videos.good, tenantId],
        )
      ).rows[0];
    const before = await count();
    // As a worker that died after its last segment finds it: INGESTING, its segments written.
    await owner.query(`UPDATE videos SET status = 'INGESTING', finished_at = NULL WHERE id = $1`, [
      videos.good,
    ]);
    const timings = new IngestTimings();
    const handler = worker.app.get(IngestVideoHandler);
    await handler.handle(
      { tenantId, videoId: videos.good },
      { id: 'rerun', attempt: 2, maxAttempts: 3 },
      timings,
    );
    await handler.handle(
      { tenantId, videoId: videos.good },
      { id: 'rerun', attempt: 3, maxAttempts: 3 },
      timings,
    );
    expect(await count()).toEqual(before);
    expect((await video(videos.good)).status).toBe('READY');
    expect(timings.seconds.probe).toBeGreaterThan(0);
    expect(timings.seconds.poses).toBe(0);
  });

  it('cuts sports footage into both lengths after trimming, estimating poses once for a 50 s window and its halves', async () => {
    const { createDataset } = await call<{ createDataset: { id: string } }>(
      `mutation { createDataset(input: { name: "skating", category: FIGURE_SKATING, poseFps: 10 }) { id } }`,
      {},
      ownerCreds,
    );
    const upload = await uploadBytes(api.baseUrl, pedestriansWithMusic(mediaDir, 61, 'skate.mp4'), curator);
    // Written straight to the database (no queued job), so this test runs the handler itself and sees its timings.
    const { rows } = await owner.query(
      `INSERT INTO videos (tenant_id, dataset_id, source_artifact_id) VALUES ($1, $2, $3) RETURNING id`,
      [tenantId, createDataset.id, upload.body.id],
    );
    const timings = new IngestTimings();
    await worker.app
      .get(IngestVideoHandler)
      .handle({ tenantId, videoId: rows[0].id }, { id: 'skate', attempt: 1, maxAttempts: 1 }, timings);
    const cut = await owner.query(
      `SELECT start_seconds, length_seconds, category FROM segments WHERE video_id = $1 ORDER BY length_seconds, start_seconds`,
      [rows[0].id],
    );
    // 61 s less 5 s at each end: 51 s, two 25 s segments and one 50 s segment.
    expect(cut.rows).toEqual([
      { start_seconds: 5, length_seconds: 25, category: 'FIGURE_SKATING' },
      { start_seconds: 30, length_seconds: 25, category: 'FIGURE_SKATING' },
      { start_seconds: 5, length_seconds: 50, category: 'FIGURE_SKATING' },
    ]);
    expect(timings.runs.poses).toBe(1);
    expect(timings.runs.audio).toBe(1);
    expect(timings.runs.thumbnail).toBe(3);
  });

  it('lists segments with filters and keyset pages', async () => {
    expect((await segmentsOf({ flag: 'no_person' })).edges.map((e) => e.node.videoId)).toEqual([
      videos.nobody,
    ]);
    expect((await segmentsOf({ status: 'PENDING', length: 25, category: 'DANCE' })).edges).toHaveLength(2);
    expect((await segmentsOf({ length: 50 })).edges).toHaveLength(0);
    const first = await segmentsOf({}, 1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await segmentsOf({}, 1, first.pageInfo.endCursor);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
    // Every member reads.
    const asViewer = await gql(
      api.graphqlUrl,
      `query($d: ID!) { segments(datasetId: $d) { edges { node { id } } } }`,
      { d: datasetId },
      viewer,
    );
    expect(asViewer.errors).toBeUndefined();
  });

  it('lets curators and owners decide, per segment, audited; engineers and viewers only read', async () => {
    const { edges } = await segmentsOf();
    const good = edges.find((e) => e.node.videoId === videos.good)!.node;
    const nobody = edges.find((e) => e.node.videoId === videos.nobody)!.node;
    for (const creds of [engineer, viewer]) {
      const res = await review({ ids: [good.id], decision: 'ACCEPT' }, creds);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const noReason = await review({ ids: [good.id], decision: 'REJECT' });
    expect(noReason.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Give a reason to reject'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const noNote = await review({ ids: [good.id], decision: 'REJECT', reason: 'OTHER' });
    expect(noNote.errors?.[0].message).toContain('needs a note');

    const missing = '00000000-0000-4000-8000-000000000000';
    const accepted = ok(
      await review({ ids: [good.id, missing], decision: 'ACCEPT', genre: 'Pop' }),
    ).reviewSegments;
    expect(accepted[0]).toMatchObject({
      id: good.id,
      error: null,
      segment: { status: 'ACCEPTED', genre: 'Pop', reason: null },
    });
    expect(accepted[1]).toMatchObject({ id: missing, segment: null, error: { code: 'NOT_FOUND' } });
    const rejected = ok(
      await review({ ids: [nobody.id], decision: 'REJECT', reason: 'NO_PERSON' }, ownerCreds),
    ).reviewSegments;
    expect(rejected[0].segment).toMatchObject({ status: 'REJECTED', reason: 'NO_PERSON' });

    const audited = await waitFor(async () => {
      const { rows } = await owner.query(
        `SELECT action, object_id, details FROM audit_events WHERE tenant_id = $1 AND action LIKE 'segment.%' ORDER BY action`,
        [tenantId],
      );
      return rows.length === 2 ? rows : undefined;
    }, 'the two decisions in the audit log');
    expect(audited).toEqual([
      { action: 'segment.accepted', object_id: good.id, details: { datasetId, reason: null, genre: 'Pop' } },
      {
        action: 'segment.rejected',
        object_id: nobody.id,
        details: { datasetId, reason: 'NO_PERSON', genre: null },
      },
    ]);
  });

  it('freezes the accepted segments into numbered versions with the same split for the same seed', async () => {
    for (const creds of [engineer, viewer]) {
      expect((await freeze({ splitSeed: 7 }, creds)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const badRatios = await freeze({ splitSeed: 7, ratios: { train: 0.9, valid: 0.1, test: 0.1 } });
    expect(badRatios.errors?.[0]).toMatchObject({
      message: 'ratios must add up to 1 (train + valid + test = 1.1000)',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const first = ok(await freeze({ splitSeed: 7 })).freezeDatasetVersion;
    expect(first).toMatchObject({
      number: 1,
      splitSeed: 7,
      splitBy: 'VIDEO',
      ratios: { train: 0.9, valid: 0.05, test: 0.05 },
      frozenAt: expect.any(String),
      stats: {
        segments: 1,
        totalSeconds: 25,
        totalHours: 0.007,
        sourceVideos: 1,
        byCategory: [{ key: 'DANCE', count: 1 }],
        byLength: [{ key: '25', count: 1 }],
        byGenre: [{ key: 'Pop', count: 1 }],
      },
    });
    const second = ok(await freeze({ splitSeed: 7, splitBy: 'VIDEO' })).freezeDatasetVersion;
    expect(second.number).toBe(2);
    const membership = async (versionId: string) =>
      (
        await owner.query(
          `SELECT segment_id, split FROM dataset_version_segments WHERE version_id = $1 ORDER BY segment_id`,
          [versionId],
        )
      ).rows;
    // Only the accepted segment, never the rejected one; the same split both times.
    expect(await membership(first.id)).toEqual(await membership(second.id));
    const rows = await membership(first.id);
    expect(rows).toHaveLength(1);
    expect((first.stats as { bySplit: unknown }).bySplit).toEqual([{ key: rows[0].split, count: 1 }]);

    // Frozen: its decision can no longer change, said per item.
    const { edges } = await segmentsOf({ status: 'ACCEPTED' });
    const frozenId = edges[0].node.id;
    const refused = ok(
      await review({ ids: [frozenId], decision: 'REJECT', reason: 'NO_MUSIC' }),
    ).reviewSegments;
    expect(refused[0]).toEqual({
      id: frozenId,
      segment: null,
      error: {
        code: 'FROZEN',
        message: `Segment ${frozenId} is frozen into version 1 of its dataset; its decision can no longer change`,
      },
    });

    const listed = await call<{ datasetVersions: { edges: { node: { number: number } }[] } }>(
      `query($d: ID!) { datasetVersions(datasetId: $d) { edges { node { number } } } }`,
      { d: datasetId },
      viewer,
    );
    expect(listed.datasetVersions.edges.map((e) => e.node.number)).toEqual([2, 1]);
    const one = await call<{ datasetVersion: { number: number } }>(
      `query($id: ID!) { datasetVersion(id: $id) { number } }`,
      { id: first.id },
      engineer,
    );
    expect(one.datasetVersion.number).toBe(1);
  });

  it('refuses to freeze a dataset with nothing accepted, in words', async () => {
    const { createDataset } = await call<{ createDataset: { id: string } }>(
      `mutation { createDataset(input: { name: "empty", category: DANCE }) { id } }`,
      {},
      ownerCreds,
    );
    const res = await gql(
      api.graphqlUrl,
      `mutation($d: ID!) { freezeDatasetVersion(datasetId: $d, input: { splitSeed: 1 }) { id } }`,
      { d: createDataset.id },
      curator,
    );
    expect(res.errors?.[0]).toMatchObject({
      message: 'The dataset has no accepted segments; accept some before freezing a version',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('cancels an ingest: the video ends CANCELLED and gets no further segment', async () => {
    const upload = await uploadBytes(api.baseUrl, pedestriansWithMusic(mediaDir, 52, 'long.mp4'), curator);
    const { addVideosToDataset } = await call<{ addVideosToDataset: { video: { id: string } }[] }>(
      `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) { video { id } } }`,
      { d: datasetId, u: [upload.body.id] },
    );
    const id = addVideosToDataset[0].video.id;
    await waitFor(
      async () => ((await video(id)).status === 'INGESTING' ? true : undefined),
      'the ingest to start',
      60_000,
    );
    const forbidden = await gql(
      api.graphqlUrl,
      `mutation($id: ID!) { cancelVideoIngest(id: $id) { id } }`,
      { id },
      engineer,
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { cancelVideoIngest } = await call<{ cancelVideoIngest: Video }>(
      `mutation($id: ID!) { cancelVideoIngest(id: $id) { ${VIDEO_FIELDS} } }`,
      { id },
    );
    expect(cancelVideoIngest.status).toBe('CANCELLED');
    // The worker stops within a frame and writes nothing more; give it time to have done so.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await video(id);
    expect(after.status).toBe('CANCELLED');
    expect(after.segmentCount).toBeLessThan(2);
    const again = await gql(
      api.graphqlUrl,
      `mutation($id: ID!) { cancelVideoIngest(id: $id) { id } }`,
      { id },
      curator,
    );
    expect(again.errors?.[0].message).toBe(
      `Video ${id} is CANCELLED; only a queued or ingesting video can be cancelled`,
    );
  });
});
