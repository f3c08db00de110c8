/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// `loris dataset import` of precomputed segments (issue 14) against the real API and an in-process worker:
// a LORIS release folder built from libs/synth (25 s examples: their music as WAV, their dancer as a
// T×17×3 pose .npy at 16 fps, random T×1024 I3D, the authors' genre one-hots and train/test lists, one list
// with the authors' own long paths) is imported through the CLI; a wrong-shaped .npy is refused by name
// and a WAV shorter than its segment fails in its job, while the rest is imported; a second import adds
// nothing; freezing with splitBy SOURCE gives the authors' split; and a version exported as our manifest
// is imported into another dataset. The CLI runs as a child process, asynchronously: the API answering it
// lives in this process, so a blocking spawn would deadlock.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeWav } from '@loris/audio';
import { oneHotOfGenre } from '@loris/domain/dataset-formats';
import { BLOB_STORE } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { encodeNpyFloat32, encodeNpyFloat64, generateSynthExample, SeededRandom } from '@loris/synth';
import {
  createApiKey,
  Credentials,
  gql,
  ok,
  runLoris,
  signUpTenant,
  startWorkerStack,
  TestApi,
  WorkerStack,
} from '../support';

jest.setTimeout(600_000);

/** One segment of the release, made from a synth example at the release's 16 fps. */
function writeSegment(
  dir: string,
  stem: string,
  genre: string,
  seed: number,
  audioSeconds = 25,
): number[][][] {
  const example = generateSynthExample({ genre, seconds: 25, seed, fps: 16 });
  const keypoints = example.poses.keypoints;
  const write = (path: string, bytes: Uint8Array) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  write(
    `audio_s25/${stem}.wav`,
    writeWav({
      sampleRate: example.sampleRate,
      channels: [example.audio.subarray(0, audioSeconds * example.sampleRate)],
    }),
  );
  write(
    `pose2d_s25/${stem}.npy`,
    encodeNpyFloat32(Float32Array.from(keypoints.flat(2)), [keypoints.length, 17, 3]),
  );
  const random = new SeededRandom(seed, 'i3d');
  const i3d = Float32Array.from({ length: 50 * 1024 }, () => random.next());
  write(`i3d_s25/${stem}.npy`, encodeNpyFloat32(i3d, [50, 1024]));
  return keypoints;
}

function writeLists(dir: string, split: string, stems: string[], prefix = ''): void {
  for (const [part, ext] of [
    ['audio', 'wav'],
    ['pose2d', 'npy'],
    ['i3d', 'npy'],
  ]) {
    const lines = stems.map((stem) => `${prefix}${part}_s25/${stem}.${ext}`);
    writeFileSync(join(dir, `dance_${part}_s25_${split}_segment.txt`), `${lines.join('\n')}\n`);
  }
}

function writeGenres(dir: string, split: string, genres: string[]): void {
  mkdirSync(join(dir, 'genre'), { recursive: true });
  const rows = Float64Array.from(genres.flatMap((genre) => oneHotOfGenre(genre)!));
  writeFileSync(join(dir, 'genre', `dance_s25_${split}.npy`), encodeNpyFloat64(rows, [genres.length, 10]));
}

interface SegmentRow {
  id: string;
  name: string;
  video_id: string;
  genre: string | null;
  source_split: string | null;
  flags: string[];
  thumbnail_artifact_id: string | null;
  poses_sha: string;
  i3d_sha: string | null;
  wav_sha: string;
  features_sha: string | null;
  rhythm_sha: string | null;
  onsets_sha: string | null;
}

describe('loris dataset import of a LORIS release folder and of a manifest', () => {
  let api: TestApi;
  let stack: WorkerStack;
  let owner: Client;
  let store: BlobStore;
  let work: string;
  let curator: Credentials;
  let ownerToken: string;
  let datasetId: string;
  const poses = new Map<string, number[][][]>();

  const loris = (args: string[]) => runLoris(api.baseUrl, curator.apiKey!, args);
  const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, curator));
  const createDataset = async (name: string) =>
    (
      await call<{ createDataset: { id: string } }>(
        `mutation($n: String!) { createDataset(input: { name: $n, category: DANCE, segmentLengths: [25] }) { id } }`,
        { n: name },
      )
    ).createDataset.id;
  const segmentsOf = async (dataset: string): Promise<SegmentRow[]> =>
    (
      await owner.query(
        `SELECT s.id, v.name, s.video_id, s.genre, s.source_split, s.flags, s.thumbnail_artifact_id,
                p.sha256 AS poses_sha, i.sha256 AS i3d_sha, w.sha256 AS wav_sha, f.sha256 AS features_sha,
                r.sha256 AS rhythm_sha, o.sha256 AS onsets_sha
         FROM segments s JOIN videos v ON v.id = s.video_id
           JOIN artifacts w ON w.id = s.wav_artifact_id JOIN artifacts p ON p.id = s.poses_artifact_id
           LEFT JOIN artifacts i ON i.id = s.i3d_artifact_id LEFT JOIN artifacts f ON f.id = s.pose_features_artifact_id
           LEFT JOIN artifacts r ON r.id = s.visual_rhythm_artifact_id LEFT JOIN artifacts o ON o.id = s.onsets_artifact_id
         WHERE s.dataset_id = $1 ORDER BY v.name`,
        [dataset],
      )
    ).rows;
  const blob = async (sha256: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.createReadStream(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  beforeAll(async () => {
    stack = await startWorkerStack('import-segments', { WORKER_CONCURRENCY: '1' });
    ({ api, owner, work } = stack);
    store = api.app.get<BlobStore>(BLOB_STORE);
    ownerToken = (await signUpTenant(api.graphqlUrl, 'import-segments')).token;
    curator = { apiKey: (await createApiKey(api.graphqlUrl, ownerToken, 'CURATOR')).secret };
    datasetId = await createDataset('loris release');
  });

  afterAll(() => stack?.stop());

  it('imports a release folder: poses and I3D as given, genres translated, lists kept as source splits', async () => {
    const release = join(work, 'release');
    poses.set('gBR_train', writeSegment(release, 'gBR_train', 'Break', 1));
    poses.set('gLO_test', writeSegment(release, 'gLO_test', 'Lock', 2));
    writeSegment(release, 'gKR_badshape', 'Krump', 3);
    writeFileSync(
      join(release, 'pose2d_s25', 'gKR_badshape.npy'),
      encodeNpyFloat32(new Float32Array(400 * 17 * 2), [400, 17, 2]),
    );
    // 20 s of music under a 25 s segment's poses: the API takes it (the poses last 25 s), its job refuses it.
    writeSegment(release, 'gHO_short', 'House', 4, 20);
    writeLists(release, 'train', ['gBR_train', 'gKR_badshape', 'gHO_short']);
    writeGenres(release, 'train', ['Break', 'Krump', 'House']);
    // The test lists as the authors publish theirs: their machine's prefix, resolved to the release's folders.
    writeLists(release, 'test', ['gLO_test'], 'yourpath/dataset/LORIS/dance/');
    writeGenres(release, 'test', ['Lock']);

    const imported = await loris(['dataset', 'import', release, '--dataset', datasetId, '--wait', '--json']);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(
      /\nloris: .*release: 2 of 4 item\(s\) were not imported \(see their errors above\); the others were \[IMPORT_INCOMPLETE\]\n$/,
    );
    expect(imported.stderr).toMatch(
      /^gKR_badshape: INVALID: pose2d_s25\/gKR_badshape.npy has shape \(400, 17, 2\); expected \(frames, 17, 3\).* \[INVALID_ITEM\]$/m,
    );
    expect(imported.stderr).toMatch(/^gBR_train: UPLOADED$/m);
    expect(imported.stderr).toMatch(/^gBR_train: READY, 1 segment$/m);
    const output = JSON.parse(imported.stdout);
    expect(output).toMatchObject({ kind: 'loris-layout', datasetId, waited: true });
    const byName = Object.fromEntries(output.items.map((item: { file: string }) => [item.file, item]));
    expect(byName.gBR_train).toMatchObject({ status: 'READY', segments: 1, error: null });
    expect(byName.gLO_test).toMatchObject({ status: 'READY', segments: 1, error: null });
    expect(byName.gKR_badshape).toMatchObject({ status: 'INVALID', videoId: null });
    expect(byName.gHO_short).toMatchObject({
      status: 'FAILED',
      segments: 0,
      error: { code: 'LENGTH_MISMATCH', message: 'The audio lasts 20.00 s, not the 25 s of the segment' },
    });

    const segments = await segmentsOf(datasetId);
    expect(segments.map((s) => [s.name, s.genre, s.source_split, s.thumbnail_artifact_id])).toEqual([
      ['gBR_train', 'Break', 'TRAIN', null],
      ['gLO_test', 'Lock', 'TEST', null],
    ]);
    for (const segment of segments) {
      // The poses as given: every one of the release's 400 frames, at 400 / 25 s = 16 fps, values kept.
      const track = JSON.parse((await blob(segment.poses_sha)).toString());
      const given = poses.get(segment.name)!;
      expect(track.fps).toBe(16);
      expect(track.keypoints).toHaveLength(given.length);
      expect(track.keypoints[200][5][0]).toBeCloseTo(given[200][5][0], 3);
      // The I3D features byte for byte as the file.
      expect(await blob(segment.i3d_sha!)).toEqual(
        readFileSync(join(release, 'i3d_s25', `${segment.name}.npy`)),
      );
      expect(segment.flags).toEqual([]);
      for (const sha of [segment.wav_sha, segment.features_sha!, segment.rhythm_sha!, segment.onsets_sha!]) {
        expect((await store.stat(sha))?.bytes).toBeGreaterThan(0);
      }
    }
    // Neither refused item left a segment; the failed one is a FAILED video with its reason, nothing else.
    const { rows: videos } = await owner.query(
      `SELECT v.name, v.status, v.failure_reason, v.source_artifact_id, count(s.id)::int AS segments
       FROM videos v LEFT JOIN segments s ON s.video_id = v.id WHERE v.dataset_id = $1 GROUP BY v.id ORDER BY v.name`,
      [datasetId],
    );
    expect(videos).toEqual([
      { name: 'gBR_train', status: 'READY', failure_reason: null, source_artifact_id: null, segments: 1 },
      {
        name: 'gHO_short',
        status: 'FAILED',
        failure_reason: 'The audio lasts 20.00 s, not the 25 s of the segment',
        source_artifact_id: null,
        segments: 0,
      },
      { name: 'gLO_test', status: 'READY', failure_reason: null, source_artifact_id: null, segments: 1 },
    ]);
    const { segment } = await call<{
      segment: { sourceSplit: string; i3dFeatures: { url: string }; thumbnail: null };
    }>(`query($id: ID!) { segment(id: $id) { sourceSplit i3dFeatures { url } thumbnail { url } } }`, {
      id: segments[0].id,
    });
    expect(segment).toMatchObject({ sourceSplit: 'TRAIN', thumbnail: null });

    // The same folder again: uploaded anew, answered with the first import's videos, nothing added.
    const again = await loris(['dataset', 'import', release, '--dataset', datasetId, '--json']);
    expect(again.status).toBe(1);
    const items = JSON.parse(again.stdout).items;
    expect(items.find((item: { file: string }) => item.file === 'gBR_train')).toMatchObject({
      videoId: byName.gBR_train.videoId,
      status: 'READY',
    });
    expect((await segmentsOf(datasetId)).map((s) => s.id)).toEqual(segments.map((s) => s.id));
    const { rows: count } = await owner.query('SELECT count(*)::int AS n FROM videos WHERE dataset_id = $1', [
      datasetId,
    ]);
    expect(count).toEqual([{ n: 3 }]);
  });

  it('freezes with splitBy SOURCE to the authors’ split, refusing segments that came without one', async () => {
    // A release without lists: its segment has no source split.
    const loose = join(work, 'loose');
    writeSegment(loose, 'gPO_loose', 'Pop', 5);
    const imported = await loris(['dataset', 'import', loose, '--dataset', datasetId, '--wait']);
    expect(imported.stderr).toMatch(/^gPO_loose: READY, 1 segment$/m);
    expect(imported.status).toBe(0);
    const segments = await segmentsOf(datasetId);
    expect(segments.map((s) => [s.name, s.source_split, s.genre])).toEqual([
      ['gBR_train', 'TRAIN', 'Break'],
      ['gLO_test', 'TEST', 'Lock'],
      ['gPO_loose', null, null],
    ]);
    await call(`mutation($ids: [ID!]!) { reviewSegments(input: { ids: $ids, decision: ACCEPT }) { id } }`, {
      ids: segments.map((s) => s.id),
    });
    const freeze = `mutation($d: ID!) { freezeDatasetVersion(datasetId: $d, input: { splitSeed: 1, splitBy: SOURCE }) {
      id splitBy ratios { train valid test } stats { segments bySplit { key count } } } }`;
    const refused = await gql(api.graphqlUrl, freeze, { d: datasetId }, curator);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^1 of the 3 accepted segments have no source split .* splitBy VIDEO or SEGMENT/,
      ),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const { rows: none } = await owner.query(
      'SELECT count(*)::int AS n FROM dataset_versions WHERE dataset_id = $1',
      [datasetId],
    );
    expect(none).toEqual([{ n: 0 }]);

    const loose1 = segments.find((s) => s.name === 'gPO_loose')!;
    await call(
      `mutation($ids: [ID!]!) { reviewSegments(input: { ids: $ids, decision: REJECT, reason: NO_MUSIC }) { id } }`,
      { ids: [loose1.id] },
    );
    const { freezeDatasetVersion: version } = await call<{
      freezeDatasetVersion: { id: string; splitBy: string; ratios: Record<string, number> };
    }>(freeze, { d: datasetId });
    expect(version).toMatchObject({ splitBy: 'SOURCE', ratios: { train: 0.5, valid: 0, test: 0.5 } });
    const { rows: members } = await owner.query(
      `SELECT v.name, m.split FROM dataset_version_segments m JOIN segments s ON s.id = m.segment_id
       JOIN videos v ON v.id = s.video_id WHERE m.version_id = $1 ORDER BY v.name`,
      [version.id],
    );
    expect(members).toEqual([
      { name: 'gBR_train', split: 'TRAIN' },
      { name: 'gLO_test', split: 'TEST' },
    ]);
    // A frozen segment's source split is guarded by the database like its genre and decision.
    await expect(
      owner.query(`UPDATE segments SET source_split = 'TEST' WHERE id = $1`, [segments[0].id]),
    ).rejects.toThrow(/frozen into a dataset version/);

    // Round trip: the version exported as our manifest, imported into another dataset.
    const out = join(work, 'manifest-export');
    const exported = await loris(['dataset', 'export', version.id, '--format', 'manifest', '--out', out]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const other = await createDataset('from a manifest');
    const fromManifest = await loris(['dataset', 'import', out, '--dataset', other, '--wait', '--json']);
    expect(fromManifest.stderr).not.toMatch(/INVALID|FAILED/);
    expect(fromManifest.status).toBe(0);
    expect(JSON.parse(fromManifest.stdout)).toMatchObject({ kind: 'manifest' });
    const copied = await segmentsOf(other);
    expect(copied.map((s) => [s.name, s.genre, s.source_split])).toEqual(
      [
        [segments[0].id, 'Break', 'TRAIN'],
        [segments[1].id, 'Lock', 'TEST'],
      ].sort(([a], [b]) => a!.localeCompare(b!)),
    );
    // The manifest's poses are the first import's poses, kept as given a second time.
    for (const segment of copied) {
      const source = segments.find((s) => s.id === segment.name)!;
      expect(segment.poses_sha).toBe(source.poses_sha);
    }
  });
});
