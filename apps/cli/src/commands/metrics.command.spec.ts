import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeWav } from '@loris/audio';
import { AUDIO_FIXTURES, expectCleanFailure, METRICS_FIXTURES, runLoris } from '../run-loris.testing';

interface BeatScoresFixture {
  pairs: { gt: string; generated: string; cover: number; hit: number }[];
  summary: Record<'BCS' | 'CSD' | 'BHS' | 'HSD' | 'F1', number>;
}

const reference = JSON.parse(
  readFileSync(join(METRICS_FIXTURES, 'beat_scores.json'), 'utf8'),
) as BeatScoresFixture;
const audioDir = join(AUDIO_FIXTURES, 'audio');
const tmp = mkdtempSync(join(tmpdir(), 'loris-metrics-'));
const pairsFile = join(tmp, 'pairs.json');
writeFileSync(pairsFile, JSON.stringify(reference.pairs.map(({ gt, generated }) => ({ gt, generated }))));

/** 10 s of decaying clicks every 0.5 s starting at `offset` seconds, at 22050 Hz. */
function clickTrack(offset: number): Uint8Array {
  const rate = 22050;
  const samples = new Float32Array(rate * 10);
  for (let time = offset; time < 9.9; time += 0.5) {
    const start = Math.round(time * rate);
    for (let i = 0; i < 200; i++) samples[start + i] = (i % 2 ? 0.8 : -0.8) * Math.exp(-i / 50);
  }
  return writeWav({ sampleRate: rate, channels: [samples] });
}

/** 10 s of a swaying body at 30 fps that jumps sideways on every 15th frame (every 0.5 s). */
function accentedTrack(): { fps: number; keypoints: number[][][] } {
  const keypoints = Array.from({ length: 300 }, (_, t) =>
    Array.from({ length: 17 }, (_, j) => {
      const accent = t > 0 && t % 15 === 0 ? 30 : 0;
      return [500 + 10 * j + accent + Math.sin(t / 7 + j), 300 + 5 * j + Math.cos(t / 9 + j), 0.9];
    }),
  );
  return { fps: 30, keypoints };
}

describe('loris metrics', () => {
  it('--pairs --audio-dir --json reproduces the scoring code on beat_scores.json', () => {
    const run = runLoris(['metrics', '--pairs', pairsFile, '--audio-dir', audioDir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.pairs).toHaveLength(reference.pairs.length);
    reference.pairs.forEach((pair, i) => {
      expect(output.pairs[i]).toMatchObject({ gt: pair.gt, generated: pair.generated });
      expect(Math.abs(output.pairs[i].cover - pair.cover)).toBeLessThan(1e-9);
      expect(Math.abs(output.pairs[i].hit - pair.hit)).toBeLessThan(1e-9);
    });
    for (const key of ['BCS', 'CSD', 'BHS', 'HSD', 'F1'] as const) {
      expect(Math.abs(output.summary[key] - reference.summary[key])).toBeLessThan(1e-9);
    }
    expect(output.strict.toleranceMs).toBe(70);
    // gen_gain_half_music3 is music3 at half amplitude: the same onsets, a perfect strict score.
    const halfGain = output.pairs.find(
      (p: { generated: string }) => p.generated === 'gen_gain_half_music3.wav',
    );
    expect(halfGain.strict.fMeasure).toBe(1);
  });

  it('pairs files by name with --gt-dir / --generated-dir and prints the paper-style table', () => {
    const gtDir = join(tmp, 'gt');
    const generatedDir = join(tmp, 'generated');
    mkdirSync(gtDir);
    mkdirSync(generatedDir);
    copyFileSync(join(audioDir, 'music3.wav'), join(gtDir, 'a.wav'));
    copyFileSync(join(audioDir, 'gen_gain_half_music3.wav'), join(generatedDir, 'a.wav'));
    copyFileSync(join(audioDir, 'music2.wav'), join(gtDir, 'b.wav'));
    copyFileSync(join(audioDir, 'gen_reverse_music2.wav'), join(generatedDir, 'b.wav'));
    const run = runLoris([
      'metrics',
      '--gt-dir',
      gtDir,
      '--generated-dir',
      generatedDir,
      '--tolerance-ms',
      '50',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2 pair\(s\)$/m);
    expect(run.stdout).toMatch(/^a\.wav\s+a\.wav\s+1\.000\s+1\.000\s/m);
    expect(run.stdout).toMatch(/^b\.wav\s+b\.wav\s+0\.944\s+0\.708\s/m);
    // BCS = mean(1, 0.9444) x 100.
    expect(run.stdout).toMatch(/^97\.22\s/m);
    expect(run.stdout).toMatch(/tolerance:\s+±50 ms/);
    const posesDir = join(tmp, 'poses');
    mkdirSync(posesDir);
    writeFileSync(join(posesDir, 'a.json'), JSON.stringify(accentedTrack()));
    expectCleanFailure(
      runLoris(['metrics', '--gt-dir', gtDir, '--generated-dir', generatedDir, '--poses-dir', posesDir]),
      1,
      /poses\/b\.json: no pose track for .*generated\/b\.wav \(--poses-dir\) \[FILE_NOT_FOUND\]/,
    );
    writeFileSync(join(posesDir, 'b.json'), JSON.stringify(accentedTrack()));
    const withPoses = runLoris([
      'metrics',
      '--gt-dir',
      gtDir,
      '--generated-dir',
      generatedDir,
      '--poses-dir',
      posesDir,
    ]);
    expect(withPoses.status).toBe(0);
    expect(withPoses.stdout).toMatch(
      /^gt\s+generated\s+cover\s+hit\s+onset P\s+onset R\s+onset F\s+rhythm F$/m,
    );
    expect(withPoses.stdout).toMatch(/generated vs visual rhythm peaks \(paper variant, 2 pair\(s\)\)/);
  });

  it('scores generated onsets against the visual rhythm of the poses named in the pairs', () => {
    const dir = join(tmp, 'dance');
    mkdirSync(dir);
    writeFileSync(join(dir, 'gt.wav'), clickTrack(0.5));
    writeFileSync(join(dir, 'on-beat.wav'), clickTrack(0.5));
    writeFileSync(join(dir, 'off-beat.wav'), clickTrack(0.75));
    writeFileSync(join(dir, 'dance.json'), JSON.stringify(accentedTrack()));
    const pairs = join(dir, 'pairs.json');
    writeFileSync(
      pairs,
      JSON.stringify([
        { gt: 'gt.wav', generated: 'on-beat.wav', poses: 'dance.json' },
        { gt: 'gt.wav', generated: 'off-beat.wav', poses: 'dance.json' },
      ]),
    );
    const run = runLoris(['metrics', '--pairs', pairs, '--audio-dir', dir, '--json']);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout);
    const [onBeat, offBeat] = output.pairs;
    // Every click on the beat lands within 70 ms of a rhythm peak; the off-beat clicks mostly do not.
    expect(onBeat.rhythm.estimated).toBe(19);
    expect(onBeat.rhythm.precision).toBe(1);
    expect(offBeat.rhythm.precision).toBeLessThan(0.5);
    expect(output.rhythm).toMatchObject({ variant: 'paper', pairs: 2, toleranceMs: 70 });
    expect(onBeat.strict.fMeasure).toBe(1);
    expect(offBeat.strict.fMeasure).toBe(0);
  });

  it('names the bad file when one clip of many (analysed in worker threads) is not a valid WAV', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const names = Object.keys(
      reference.pairs.reduce((all, p) => ({ ...all, [p.gt]: 1, [p.generated]: 1 }), {}),
    );
    for (const name of names) symlinkSync(join(audioDir, name), join(dir, name));
    writeFileSync(join(dir, 'cut.wav'), readFileSync(join(audioDir, 'music0.wav')).subarray(0, 40));
    const pairs = join(dir, 'pairs.json');
    writeFileSync(
      pairs,
      JSON.stringify([
        ...names.map((name) => ({ gt: name, generated: name })),
        { gt: names[0], generated: 'cut.wav' },
      ]),
    );
    expectCleanFailure(
      runLoris(['metrics', '--pairs', pairs, '--audio-dir', dir, '--threads', '2']),
      1,
      /^loris: .*many\/cut\.wav: truncated data: .*\[WAV_TRUNCATED_DATA\]\n$/,
    );
  });

  it('explains bad arguments and bad pair lists, naming the file', () => {
    expectCleanFailure(runLoris(['metrics']), 1, /give --pairs <pairs\.json> --audio-dir <dir>/);
    const badPairs = join(tmp, 'bad-pairs.json');
    writeFileSync(badPairs, JSON.stringify([{ gt: 'music0.wav' }]));
    expectCleanFailure(
      runLoris(['metrics', '--pairs', badPairs, '--audio-dir', audioDir]),
      1,
      /bad-pairs\.json: pair 0 must be an object with string fields "gt" and "generated"/,
    );
    expectCleanFailure(
      runLoris(['metrics', '--pairs', pairsFile, '--audio-dir', audioDir, '--tolerance-ms', '-3']),
      1,
      /--tolerance-ms must be a number of milliseconds > 0/,
    );
    expectCleanFailure(
      runLoris(['metrics', '--pairs', pairsFile, '--audio-dir', audioDir, '--threads', '0']),
      1,
      /--threads must be a whole number >= 1/,
    );
  });
});
