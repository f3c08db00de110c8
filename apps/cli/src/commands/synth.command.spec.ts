import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWav } from '@loris/audio';
import { packPoseTrack } from '@loris/rhythm';
import { SYNTH_GENRES } from '@loris/synth';
import { expectCleanFailure, runLoris } from '../run-loris.testing';

const tmp = mkdtempSync(join(tmpdir(), 'loris-synth-'));

function digests(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

describe('loris synth', () => {
  it('writes one example (poses.json, music.wav, features.npy, example.json), the same bytes for the same seed', () => {
    const first = runLoris([
      'synth',
      '--genre',
      'Ballet Jazz',
      '--seconds',
      '6',
      '--seed',
      '3',
      '--out',
      join(tmp, 'a'),
      '--json',
    ]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const output = JSON.parse(first.stdout);
    expect(output).toMatchObject({ genre: 'Ballet Jazz', seed: 3, seconds: 6, dir: join(tmp, 'a') });
    const wav = readWav(readFileSync(join(tmp, 'a', 'music.wav')));
    expect([wav.sampleRate, wav.channels.length, wav.bitsPerSample, wav.channels[0].length]).toEqual([
      22050,
      1,
      16,
      6 * 22050,
    ]);
    const poses = JSON.parse(readFileSync(join(tmp, 'a', 'poses.json'), 'utf8'));
    expect(packPoseTrack(poses).frames).toBe(180);
    expect(
      readFileSync(join(tmp, 'a', 'features.npy'))
        .subarray(1, 6)
        .toString(),
    ).toBe('NUMPY');

    expect(
      runLoris(['synth', '--genre', 'ballet-jazz', '--seconds', '6', '--seed', '3', '--out', join(tmp, 'b')])
        .status,
    ).toBe(0);
    expect(digests(join(tmp, 'b'))).toEqual(digests(join(tmp, 'a')));
    expect(
      runLoris(['synth', '--genre', 'Ballet Jazz', '--seconds', '6', '--seed', '4', '--out', join(tmp, 'c')])
        .status,
    ).toBe(0);
    expect(digests(join(tmp, 'c'))['music.wav']).not.toBe(digests(join(tmp, 'a'))['music.wav']);
  });

  it('writes a corpus with a manifest and a seeded split', () => {
    const out = join(tmp, 'corpus');
    const run = runLoris([
      'synth',
      'dataset',
      '--count',
      '20',
      '--seconds',
      '2',
      '--seed',
      '7',
      '--genres',
      'Krump, Pop',
      '--out',
      out,
      '--json',
    ]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({
      count: 20,
      seconds: 2,
      seed: 7,
      genres: ['Krump', 'Pop'],
      splits: { train: 18, val: 1, test: 1 },
    });
    const entries = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entries).toHaveLength(20);
    expect(entries[1]).toMatchObject({
      id: 'synth-pop-000001',
      genre: 'Pop',
      fps: 30,
      sampleRate: 22050,
      seconds: 2,
      rhythm: null,
    });
    for (const e of entries) expect(readFileSync(join(out, e.audio)).length).toBe(44 + 2 * 2 * 22050);
  });

  it("crosses genres: one dancer in another genre's style, or a share of a corpus's dancers", () => {
    const one = runLoris([
      ...['synth', '--genre', 'House', '--dance-genre', 'krump', '--seconds', '2'],
      ...['--out', join(tmp, 'crossed'), '--json'],
    ]);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ genre: 'House', danceGenre: 'Krump' });
    const corpus = runLoris([
      ...['synth', 'dataset', '--count', '20', '--seconds', '1', '--cross-genre', '1'],
      ...['--out', join(tmp, 'crossed-corpus'), '--json'],
    ]);
    expect(corpus.status).toBe(0);
    expect(JSON.parse(corpus.stdout)).toMatchObject({ crossGenre: 1, crossGenreExamples: 20 });
    expectCleanFailure(
      runLoris(['synth', 'dataset', '--count', '2', '--cross-genre', '2', '--out', join(tmp, 'x')]),
      2,
      /--cross-genre/,
    );
    expectCleanFailure(
      runLoris(['synth', '--genre', 'Pop', '--cross-genre', '0.5', '--out', join(tmp, 'x')]),
      1,
      /--cross-genre belong to `loris synth dataset`/,
    );
    expectCleanFailure(
      runLoris(['synth', 'dataset', '--count', '2', '--dance-genre', 'Pop', '--out', join(tmp, 'x')]),
      1,
      /not --genre or --dance-genre/,
    );
  });

  it('lists the valid genres when the genre is unknown', () => {
    const run = runLoris(['synth', '--genre', 'Tango', '--out', join(tmp, 'x')]);
    expectCleanFailure(run, 1, /unknown genre "Tango"/);
    for (const genre of SYNTH_GENRES) expect(run.stderr).toContain(`"${genre}"`);
  });

  it('says what is missing or out of range', () => {
    expectCleanFailure(runLoris(['synth', '--out', join(tmp, 'x')]), 1, /--genre is required.*"Break"/);
    expectCleanFailure(runLoris(['synth', 'dataset', '--out', join(tmp, 'x')]), 1, /needs --count/);
    expectCleanFailure(
      runLoris(['synth', '--genre', 'Pop', '--seed', '-1', '--out', join(tmp, 'x')]),
      2,
      /--seed/,
    );
    expectCleanFailure(
      runLoris(['synth', '--genre', 'Pop', '--seconds', '0', '--out', join(tmp, 'x')]),
      2,
      /--seconds/,
    );
  });
});
