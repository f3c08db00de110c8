/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The export of a frozen version as a tar streamed from GET /v1/dataset-versions/:id/export.tar (issue 14),
// on real footage: 51 s of OpenCV's vtest.avi with a beat track, ingested by an in-process worker into two
// 25 s dance segments at the authors' pose rate (16 fps), accepted with two genres and frozen. Both tars
// are downloaded over HTTP with a VIEWER key and unpacked with the system's tar; the manifest is read by
// the trainer's own reader and dataset, the LORIS layout as the authors' loader reads it; the CLI's
// export is the same bytes; and every refusal is a clear JSON answer before any byte.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  uploadBytes,
  waitFor,
} from '../support';
import { pedestriansWithMusic, requireVtest } from './curation-media';

jest.setTimeout(600_000);

describe('exporting a frozen version as a streamed tar', () => {
  let api: TestApi;
  let stack: WorkerStack;
  let owner: Client;
  let work: string;
  let curator: Credentials;
  let viewer: Credentials;
  let datasetId: string;
  let versionId: string;
  const segmentIds: string[] = [];

  const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, curator));
  const tarUrl = (id: string, format: string) =>
    `${api.baseUrl}/v1/dataset-versions/${id}/export.tar?format=${format}`;
  const download = (
    id: string,
    format: string,
    headers: Record<string, string> = { 'x-api-key': viewer.apiKey! },
  ) => fetch(tarUrl(id, format), { headers });
  /** Downloads and unpacks a tar with the system's tar; its folder and bytes. */
  const downloadAndUnpack = async (format: string) => {
    const res = await download(versionId, format);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const dir = join(work, `unpacked-${format}`);
    mkdirSync(dir);
    writeFileSync(join(work, `${format}.tar`), bytes);
    execFileSync('tar', ['-xf', join(work, `${format}.tar`), '-C', dir]);
    return { res, bytes, dir };
  };

  beforeAll(async () => {
    requireVtest();
    stack = await startWorkerStack('curation-export', { WORKER_CONCURRENCY: '1' });
    ({ api, owner, work } = stack);
    const signedUp = await signUpTenant(api.graphqlUrl, 'curation-export');
    curator = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'CURATOR')).secret };
    viewer = { apiKey: (await createApiKey(api.graphqlUrl, signedUp.token, 'VIEWER')).secret };
    datasetId = (
      await call<{ createDataset: { id: string } }>(
        `mutation { createDataset(input: { name: "Street dance 2026", category: DANCE, segmentLengths: [25], poseFps: 16 }) { id } }`,
      )
    ).createDataset.id;
    const upload = await uploadBytes(api.baseUrl, pedestriansWithMusic(work, 51), curator);
    expect(upload.status).toBe(201);
    const { addVideosToDataset } = await call<{ addVideosToDataset: { video: { id: string } }[] }>(
      `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) { video { id } } }`,
      { d: datasetId, u: [upload.body.id] },
    );
    const videoId = addVideosToDataset[0].video.id;
    const ended = await waitFor(
      async () => {
        const { video } = await call<{ video: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { video(id: $id) { status failureReason } }`,
          { id: videoId },
        );
        return ['READY', 'FAILED'].includes(video.status) ? video : undefined;
      },
      'the ingest to end',
      400_000,
    );
    expect(ended).toEqual({ status: 'READY', failureReason: null });
    const { segments } = await call<{ segments: { edges: { node: { id: string } }[] } }>(
      `query($d: ID!) { segments(datasetId: $d) { edges { node { id } } } }`,
      { d: datasetId },
    );
    segmentIds.push(...segments.edges.map((edge) => edge.node.id));
    expect(segmentIds).toHaveLength(2);
    for (const [id, genre] of [
      [segmentIds[0], 'House'],
      [segmentIds[1], 'Krump'],
    ]) {
      await call(
        `mutation($ids: [ID!]!, $g: String) { reviewSegments(input: { ids: $ids, decision: ACCEPT, genre: $g }) { id } }`,
        { ids: [id], g: genre },
      );
    }
    versionId = (
      await call<{ freezeDatasetVersion: { id: string } }>(
        `mutation($d: ID!) { freezeDatasetVersion(datasetId: $d, input: { splitSeed: 1, splitBy: SEGMENT,
           ratios: { train: 0.5, valid: 0, test: 0.5 } }) { id } }`,
        { d: datasetId },
      )
    ).freezeDatasetVersion.id;
  });

  afterAll(() => stack?.stop());

  it('streams the manifest format to a VIEWER, which the trainer’s own reader and dataset load', async () => {
    const { res, dir } = await downloadAndUnpack('manifest');
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Street-dance-2026-v1-manifest.tar"',
    );
    expect(readdirSync(dir).sort()).toEqual([
      'audio',
      'features',
      'manifest.jsonl',
      'poses',
      'rhythm',
      'version.json',
    ]);
    const lines = readFileSync(join(dir, 'manifest.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const described = JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8'));
    expect(described).toMatchObject({
      id: versionId,
      datasetId,
      number: 1,
      stats: { segments: 2 },
      format: 'manifest',
      examples: 2,
      skipped: [],
    });
    // The trainer's code, not ours: read_manifest, then every example of both splits through LorisDataset.
    const checked = await runProcess(
      '/usr/bin/python3',
      [
        '-c',
        `
import sys
from loris_trainer.config import load_config
from loris_trainer.data import LorisDataset, read_manifest
entries = read_manifest(sys.argv[1])
config = load_config('tiny')
loaded = 0
for split in sorted({e.split for e in entries}):
    dataset = LorisDataset(sys.argv[1], config, split=split, train=False)
    for i in range(len(dataset)):
        tracks = dataset.tracks(i)
        assert tracks.audio.size > 0 and tracks.visual.shape[1] == 68 and tracks.rhythm.sum() > 0
        loaded += 1
print(len(entries), loaded, ','.join(sorted(e.genre for e in entries)))
`,
        dir,
      ],
      { env: { PYTHONPATH: join(REPO_ROOT, 'apps', 'trainer') } },
    );
    expect({ status: checked.status, stderr: checked.status ? checked.stderr : '' }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(checked.stdout.trim()).toBe('2 2 House,Krump');
  });

  it('streams the LORIS layout, read the way the authors’ loader reads it', async () => {
    const { res, dir } = await downloadAndUnpack('loris');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Street-dance-2026-v1-loris.tar"',
    );
    expect(readdirSync(dir).sort()).toEqual([
      'README.txt',
      'audio_s25',
      'dance_audio_s25_test_segment.txt',
      'dance_audio_s25_train_segment.txt',
      'dance_audio_s25_val_segment.txt',
      'dance_pose2d_s25_test_segment.txt',
      'dance_pose2d_s25_train_segment.txt',
      'dance_pose2d_s25_val_segment.txt',
      'genre',
      'pose2d_s25',
      'version.json',
    ]);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain(
      "The authors' loader (d2m/dataset.py, S25Dataset) needs i3d_sNN features",
    );
    // This reimplements the reads of the authors' S25Dataset (d2m/dataset.py) with numpy and the standard
    // library; it does not run their code: each list line resolved against the list's folder
    // (Path(list).parent / line), np.load of every pose2d file (T x 17 x 3 float32; 400 frames per 25 s,
    // their motion_context_length), the WAV's rate and channels, and the genre rows one-hot, parallel to
    // the lists (one row per line).
    const checked = await runProcess('/usr/bin/python3', [
      '-c',
      `
import sys, wave
from pathlib import Path
import numpy as np
root = Path(sys.argv[1])
order = ['Ballet Jazz', 'Lock', 'Waack', 'Middle Hip-hop', 'Break', 'LA-style Hip-hop', 'Street Jazz', 'House', 'Pop', 'Krump']
found = []
for split in ('train', 'test', 'val'):
    audio_list = root / f'dance_audio_s25_{split}_segment.txt'
    motion_list = root / f'dance_pose2d_s25_{split}_segment.txt'
    audio = [Path(audio_list).parent / x.rstrip() for x in open(audio_list, encoding='utf-8').readlines()]
    motion = [Path(motion_list).parent / x.rstrip() for x in open(motion_list, encoding='utf-8').readlines()]
    genre = np.load(root / 'genre' / f'dance_s25_{split}.npy')
    assert len(audio) == len(motion) == genre.shape[0], (split, len(audio), len(motion), genre.shape)
    assert genre.dtype == np.float64 and genre.shape[1] == 10
    for a, m, row in zip(audio, motion, genre):
        assert a.stem == m.stem
        with wave.open(str(a)) as w:
            assert (w.getframerate(), w.getnchannels()) == (22050, 1)
            assert w.getnframes() == 25 * 22050
        pose = np.load(m)
        assert pose.dtype == np.float32 and pose.shape == (400, 17, 3), pose.shape
        assert np.all(pose[:, :, 2] >= 0) and np.all(pose[:, :, 2] <= 1)
        assert sorted(row.tolist()) == [0.0] * 9 + [1.0], row
        found.append(f'{split}:{a.stem}:{order[int(row.argmax())]}')
print(' '.join(sorted(found)))
`,
      dir,
    ]);
    expect({ status: checked.status, stderr: checked.status ? checked.stderr : '' }).toEqual({
      status: 0,
      stderr: '',
    });
    const found = checked.stdout.trim().split(' ');
    expect(found).toHaveLength(2);
    // Each segment once, with the genre it was accepted with, in the split it was frozen into.
    const { datasetVersion } = await call<{
      datasetVersion: {
        segments: { edges: { node: { split: string; segment: { id: string; genre: string } } }[] };
      };
    }>(
      `query($id: ID!) { datasetVersion(id: $id) { segments { edges { node { split segment { id genre } } } } } }`,
      { id: versionId },
    );
    const words: Record<string, string> = { TRAIN: 'train', TEST: 'test', VALID: 'val' };
    expect(found).toEqual(
      datasetVersion.segments.edges
        .map(({ node }) => `${words[node.split]}:${node.segment.id}:${node.segment.genre}`)
        .sort(),
    );
  });

  it('gives the CLI the same bytes: loris dataset export --format loris --tar keeps the very tar', async () => {
    const out = join(work, 'cli-loris');
    const kept = join(work, 'kept', 'export.tar');
    const exported = await runLoris(api.baseUrl, curator.apiKey!, [
      'dataset',
      'export',
      versionId,
      '--format',
      'loris',
      '--out',
      out,
      '--tar',
      kept,
      '--json',
    ]);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(
      /^warning: dance_s25 has no I3D features: the authors' loader needs i3d_s25 \(video_train_path\); pose2d_s25 features are offered instead \(see README\.txt\)\n$/,
    );
    const summary = JSON.parse(exported.stdout);
    expect(summary).toMatchObject({
      out,
      format: 'loris',
      tar: kept,
      examples: 2,
      skipped: [],
      manifest: null,
    });
    const viaHttp = Buffer.from(await (await download(versionId, 'loris')).arrayBuffer());
    expect(readFileSync(kept).equals(viaHttp)).toBe(true);
    expect(summary.bytes).toBe(viaHttp.length);
    for (const name of readdirSync(join(work, 'unpacked-loris'))) {
      if (name.endsWith('.txt') || name === 'version.json') {
        expect(readFileSync(join(out, name))).toEqual(readFileSync(join(work, 'unpacked-loris', name)));
      }
    }
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
    expect(readdirSync(join(work, 'kept'))).toEqual(['export.tar']);
  });

  it('refuses in JSON before any byte: a bad format, an unfrozen version, another workspace’s, no key', async () => {
    const bad = await download(versionId, 'zip');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^format must be one of manifest, loris .*got "zip"$/),
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    const none = await fetch(`${api.baseUrl}/v1/dataset-versions/${versionId}/export.tar`, {
      headers: { 'x-api-key': viewer.apiKey! },
    });
    expect(none.status).toBe(400);

    // A version row not frozen (freeze writes and freezes in one transaction, so only the owner can make one).
    const tenant = await owner.query('SELECT tenant_id FROM datasets WHERE id = $1', [datasetId]);
    const draft = await owner.query(
      `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio,
         test_ratio, stats) VALUES ($1, $2, 99, 1, 'VIDEO', 0.9, 0.05, 0.05, '{}') RETURNING id`,
      [tenant.rows[0].tenant_id, datasetId],
    );
    const unfrozen = await download(draft.rows[0].id, 'manifest');
    expect(unfrozen.status).toBe(409);
    expect(((await unfrozen.json()) as { errors: unknown[] }).errors[0]).toEqual({
      message: `Dataset version ${draft.rows[0].id} is not frozen yet; only a frozen version can be exported`,
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const other = await signUpTenant(api.graphqlUrl, 'curation-export-other');
    const hidden = await download(versionId, 'manifest', { authorization: `Bearer ${other.token}` });
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { errors: unknown[] }).errors[0]).toEqual({
      message: `Dataset version ${versionId} was not found`,
      extensions: { code: 'NOT_FOUND' },
    });
    const malformed = await download('not-a-uuid', 'manifest');
    expect(malformed.status).toBe(404);
    const anonymous = await download(versionId, 'manifest', {});
    expect(anonymous.status).toBe(401);
  });

  it('aborts the connection when a file cannot be read midway: a failed download, never a short tar', async () => {
    const { rows } = await owner.query(
      `SELECT a.sha256 FROM segments s JOIN artifacts a ON a.id = s.wav_artifact_id WHERE s.id = $1`,
      [segmentIds[1]],
    );
    const store = api.app.get<BlobStore>(BLOB_STORE);
    const sha256: string = rows[0].sha256;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.createReadStream(sha256)) chunks.push(chunk as Buffer);
    await store.delete(sha256);
    try {
      const res = await download(versionId, 'loris');
      expect(res.status).toBe(200); // the headers went before the missing file was reached
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      await store.put(Readable.from([Buffer.concat(chunks)]));
    }
    // Whole again once the file is back.
    const again = await download(versionId, 'loris');
    expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(2 * 25 * 22050 * 2);
  });
});
