import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readTrainerManifest } from './trainer-manifest-reader';

describe('readTrainerManifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'manifest-reader-'));
    mkdirSync(join(dir, 'audio'));
    mkdirSync(join(dir, 'poses'));
    for (const id of ['a', 'b']) {
      writeFileSync(join(dir, 'audio', `${id}.wav`), 'RIFF');
      writeFileSync(join(dir, 'poses', `${id}.json`), '{}');
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const line = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      audio: `audio/${id}.wav`,
      poses: `poses/${id}.json`,
      features: `features/${id}.npy`,
      rhythm: null,
      genre: 'Pop',
      split: 'val',
      seconds: 25,
      ...extra,
    });

  it('reads each line as an item, and each bad line as an error naming its line number', () => {
    writeFileSync(
      join(dir, 'manifest.jsonl'),
      [
        line('a'),
        '{"id": "broken", "audio": ',
        '',
        line('b', { split: 'test', seconds: 50 }),
        line('c', { poses: null }),
        line('d'),
        line('a'),
        line('e', { seconds: 30 }),
      ].join('\n') + '\n',
    );
    const { items, errors } = readTrainerManifest(dir);
    expect(items).toEqual([
      {
        name: 'a',
        lengthSeconds: 25,
        audioPath: join(dir, 'audio/a.wav'),
        posesPath: join(dir, 'poses/a.json'),
        i3dPath: null,
        genre: 'Pop',
        sourceSplit: 'VALID',
      },
      expect.objectContaining({ name: 'b', lengthSeconds: 50, sourceSplit: 'TEST' }),
    ]);
    expect(errors).toEqual([
      { name: 'manifest.jsonl line 2', message: expect.stringMatching(/^it is not valid JSON \(/) },
      {
        name: 'manifest.jsonl line 5',
        message: 'it lacks poses (the import computes features and rhythm from the poses)',
      },
      { name: 'manifest.jsonl line 6', message: 'its files are missing: audio/d.wav, poses/d.json' },
      { name: 'manifest.jsonl line 7', message: 'its id a is on an earlier line too' },
      {
        name: 'manifest.jsonl line 8',
        message: 'its seconds is 30; the platform takes 25 and 50 s segments',
      },
    ]);
    // The manifest file itself, not only its folder.
    expect(readTrainerManifest(join(dir, 'manifest.jsonl')).items).toHaveLength(2);
  });
});
