import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readWav } from '@loris/audio';
import { splitAssignments, writeSynthDataset, writeSynthExample, type ManifestEntry } from './synth-writer';

function digestTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

// Generous timeouts: this machine's cores are shared, and a loaded run takes several times longer.
jest.setTimeout(60_000);

describe('synth writers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'synth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one example as poses.json, a 22050 Hz mono 16-bit music.wav, features.npy and example.json', async () => {
    const written = await writeSynthExample({ genre: 'Krump', seconds: 5, seed: 3 }, join(dir, 'one'));
    const wav = readWav(readFileSync(written.files.music));
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels.length).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.channels[0].length).toBe(5 * 22050);
    const poses = JSON.parse(readFileSync(written.files.poses, 'utf8'));
    expect(poses.fps).toBe(30);
    expect(poses.keypoints.length).toBe(150);
    const meta = JSON.parse(readFileSync(written.files.example, 'utf8'));
    expect(meta).toMatchObject({ genre: 'Krump', seed: 3, seconds: 5, sampleRate: 22050, fps: 30 });
    expect(meta.accents.length).toBe(written.accents);
    expect(meta.bpm).toBe(written.bpm);
    // 150 frames x 68 float32 after a 128-byte header.
    expect(readFileSync(written.files.features).length).toBe(128 + 150 * 68 * 4);
  });

  it('writes byte-identical files for the same seed, and different ones for another', async () => {
    await writeSynthExample({ genre: 'Lock', seconds: 4, seed: 11 }, join(dir, 'a'));
    await writeSynthExample({ genre: 'Lock', seconds: 4, seed: 11 }, join(dir, 'b'));
    await writeSynthExample({ genre: 'Lock', seconds: 4, seed: 12 }, join(dir, 'c'));
    const [a, b, c] = ['a', 'b', 'c'].map((d) => digestTree(join(dir, d)));
    expect(a).toEqual(b);
    for (const file of Object.keys(a)) expect(c[file]).not.toBe(a[file]);
  });

  it('writes a corpus in the manifest format, byte-identical for the same seed, with progress', async () => {
    const progress: number[] = [];
    const options = { count: 10, seconds: 2, seed: 5, genres: ['House', 'ballet-jazz'] };
    const result = await writeSynthDataset(
      { ...options, onProgress: (p) => progress.push(p.done) },
      join(dir, 'd1'),
    );
    await writeSynthDataset(options, join(dir, 'd2'));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(digestTree(join(dir, 'd1'))).toEqual(digestTree(join(dir, 'd2')));

    const lines = readFileSync(result.manifest, 'utf8').trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as ManifestEntry);
    expect(entries.length).toBe(10);
    expect(Object.keys(entries[0])).toEqual([
      'id',
      'audio',
      'poses',
      'features',
      'rhythm',
      'genre',
      'split',
      'seconds',
      'fps',
      'sampleRate',
    ]);
    expect(entries[0]).toMatchObject({
      id: 'synth-house-000000',
      audio: 'audio/synth-house-000000.wav',
      poses: 'poses/synth-house-000000.json',
      features: 'features/synth-house-000000.npy',
      rhythm: null,
      genre: 'House',
      seconds: 2,
      fps: 30,
      sampleRate: 22050,
    });
    expect(entries.map((e) => e.genre)).toEqual(
      Array.from({ length: 5 }, () => ['House', 'Ballet Jazz']).flat(),
    );
    for (const e of entries) {
      for (const path of [e.audio, e.poses, e.features])
        expect(readFileSync(join(dir, 'd1', path)).length).toBeGreaterThan(0);
    }
    expect(result.splits).toEqual({ train: 8, val: 1, test: 1 });
    expect(entries.filter((e) => e.split === 'test').length).toBe(1);
  });

  it("gives a share of a corpus's dancers another genre's style, leaving a corpus without it as it was", async () => {
    const options = { count: 40, seconds: 1, seed: 5, genres: ['House', 'Krump', 'Pop'] };
    const plain = await writeSynthDataset(options, join(dir, 'plain'));
    const crossed = await writeSynthDataset({ ...options, crossGenre: 0.5 }, join(dir, 'crossed'));
    const entries = (manifest: string) =>
      readFileSync(manifest, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as ManifestEntry);
    const mixed = entries(crossed.manifest).filter((e) => e.danceGenre);
    expect(crossed.crossGenreExamples).toBe(mixed.length);
    expect(mixed.length).toBeGreaterThan(10);
    expect(mixed.length).toBeLessThan(30);
    for (const e of mixed) {
      expect(options.genres).toContain(e.danceGenre);
      expect(e.danceGenre).not.toBe(e.genre);
      const meta = JSON.parse(readFileSync(join(dir, 'crossed', 'examples', `${e.id}.json`), 'utf8'));
      expect(meta.danceGenre).toBe(e.danceGenre);
    }
    // The music of every example, crossed or not, is the plain corpus's.
    const plainTree = digestTree(join(dir, 'plain'));
    const crossedTree = digestTree(join(dir, 'crossed'));
    for (const e of entries(plain.manifest)) expect(crossedTree[e.audio]).toBe(plainTree[e.audio]);
    expect(plain.crossGenreExamples).toBe(0);
    expect(entries(plain.manifest).some((e) => 'danceGenre' in e)).toBe(false);
    await expect(writeSynthDataset({ ...options, crossGenre: 1.5 }, join(dir, 'bad'))).rejects.toThrow(
      /crossGenre must be in \[0, 1\], got 1.5/,
    );
  });

  it('splits 90/5/5 by the seed', () => {
    const splits = splitAssignments(300, 1);
    const count = (s: string) => splits.filter((x) => x === s).length;
    expect([count('train'), count('val'), count('test')]).toEqual([270, 15, 15]);
    expect(splitAssignments(300, 1)).toEqual(splits);
    expect(splitAssignments(300, 2)).not.toEqual(splits);
  });
});
