import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWav } from '@loris/audio';
import type { GenerateOutput } from './generate.command';
import { expectCleanFailure, REPO_ROOT, runLoris } from '../run-loris.testing';

// The trainer's parity model (random weights, 11025 Hz) stands in for the shipped default model here.
const PARITY_MODEL = join(REPO_ROOT, 'libs', 'inference', 'fixtures', 'parity', 'model');
const tmp = mkdtempSync(join(tmpdir(), 'loris-generate-'));
// People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
const VTEST_CLIP = join(REPO_ROOT, 'libs', 'media', 'fixtures', 'vtest-6s.mp4');
const posesFile = join(tmp, 'poses.json');
writeFileSync(
  posesFile,
  JSON.stringify({
    fps: 30,
    keypoints: Array.from({ length: 45 }, (_, t) =>
      Array.from({ length: 17 }, (_, j) => [
        900 + 30 * Math.sin(t / 4) + 5 * j,
        300 + 25 * j + (t % 15 === 0 ? 40 : 0),
        0.9,
      ]),
    ),
  }),
);

function generate(out: string, ...extra: string[]) {
  return runLoris([
    'generate',
    '--poses',
    posesFile,
    '--genre',
    'Waack',
    '--seconds',
    '1.2',
    '--steps',
    '3',
    '--model',
    PARITY_MODEL,
    '--out',
    out,
    ...extra,
  ]);
}

describe('loris generate with the shipped default model', () => {
  it('writes a 22050 Hz mono WAV as long as the track (25 s) from models/default when no --model or --seconds is given', () => {
    const longPoses = join(tmp, 'poses-25s.json');
    writeFileSync(
      longPoses,
      JSON.stringify({
        fps: 30,
        keypoints: Array.from({ length: 25 * 30 }, (_, t) =>
          Array.from({ length: 17 }, (_, j) => [
            900 + 30 * Math.sin(t / 4) + 5 * j,
            300 + 25 * j + (t % 15 === 0 ? 40 : 0),
            0.9,
          ]),
        ),
      }),
    );
    const out = join(tmp, 'default.wav');
    // Few steps keep CI fast; the step count does not change the output's format or length.
    const run = runLoris([
      'generate',
      '--poses',
      longPoses,
      '--genre',
      'House',
      '--steps',
      '4',
      '--out',
      out,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out, seconds: 25, sampleRate: 22050, steps: 4 });
    const wav = readWav(readFileSync(out));
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0]).toHaveLength(25 * 22050);
    expect(wav.channels[0].some((sample) => sample !== 0)).toBe(true);
  });
});

describe('loris generate', () => {
  it('writes a 22050 Hz mono WAV of the requested length and prints the JSON summary', () => {
    const out = join(tmp, 'a.wav');
    const run = generate(out, '--seed', '3', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toEqual({
      out,
      seconds: 1.2,
      sampleRate: 22050,
      seed: 3,
      steps: 3,
      sampler: 'adpm2',
      modelVersion: '0.2.0',
      elapsedMs: expect.any(Number),
      // The parity model's window is 0.74 s: 1.2 s is two windows, joined once.
      windows: 2,
      seamScore: expect.objectContaining({ windows: 2, seams: [expect.any(Number)] }),
      // A pose track as input: no video estimated, nothing muxed.
      video: null,
      mp4: null,
    });
    const { seamScore } = summary;
    expect(seamScore.seams[0]).toBeGreaterThan(0.5);
    expect(seamScore.seams[0]).toBeLessThan(0.74);
    for (const value of [seamScore.seamChange.mean, seamScore.interiorChange.sd, seamScore.spectralZ]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(Object.keys(seamScore.rhythmF)).toEqual(['whole', 'nearSeams', 'awayFromSeams']);
    const wav = readWav(readFileSync(out));
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0]).toHaveLength(Math.round(1.2 * 22050));
  });

  it('gives the same bytes for the same seed and takes the other samplers', () => {
    const first = join(tmp, 'b1.wav');
    const second = join(tmp, 'b2.wav');
    expect(generate(first, '--sampler', 'dpmpp-2m', '--guidance', '4').status).toBe(0);
    expect(generate(second, '--sampler', 'dpmpp-2m', '--guidance', '4').status).toBe(0);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
    const text = generate(join(tmp, 'b3.wav'), '--sampler', 'heun');
    expect(text.stdout).toMatch(/^sampler:\s+heun, 3 steps, guidance 20, seed 0$/m);
  });

  it('lists the valid genres for an unknown one', () => {
    const run = runLoris([
      'generate',
      '--poses',
      posesFile,
      '--genre',
      'Tango',
      '--model',
      PARITY_MODEL,
      '--out',
      join(tmp, 'c.wav'),
    ]);
    expectCleanFailure(
      run,
      1,
      /genre "Tango" is not one of the model's genres: "Break", "Pop", .*"Ballet Jazz" \[REQUEST_MISMATCH\]/,
    );
  });

  it('says why a pose file is invalid, naming it', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ fps: 30, keypoints: [[[1, 2, 0.5]], [[1, 2, 0.5]], [[1, 2, 0.5]]] }));
    const run = runLoris([
      'generate',
      '--poses',
      bad,
      '--genre',
      'Pop',
      '--model',
      PARITY_MODEL,
      '--out',
      join(tmp, 'd.wav'),
    ]);
    expectCleanFailure(run, 1, /^loris: .*bad\.json: .*17.*\[POSE_/);
  });

  it('takes a track with a byte-order mark, and without --seconds makes the whole track', () => {
    const bom = join(tmp, 'poses-bom.json');
    writeFileSync(bom, `\uFEFF${readFileSync(posesFile, 'utf8')}`);
    const out = join(tmp, 'bom.wav');
    const run = runLoris([
      'generate',
      '--poses',
      bom,
      '--genre',
      'Pop',
      '--steps',
      '2',
      '--model',
      PARITY_MODEL,
      '--out',
      out,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // 45 frames at 30 fps.
    expect(JSON.parse(run.stdout)).toMatchObject({ seconds: 1.5, seed: 0, steps: 2 });
    expect(readWav(readFileSync(out)).channels[0]).toHaveLength(1.5 * 22050);
  });

  it('says a pose file is not JSON, naming it', () => {
    const notJson = join(tmp, 'not-json.json');
    writeFileSync(notJson, '{"fps": 30, "keypoints": [');
    const run = runLoris([
      'generate',
      '--poses',
      notJson,
      '--genre',
      'Pop',
      '--model',
      PARITY_MODEL,
      '--out',
      join(tmp, 'h.wav'),
    ]);
    expectCleanFailure(run, 1, /^loris: .*not-json\.json: poses is not valid JSON .*\[INVALID_JSON\]/);
  });

  it('refuses a length the pose track does not cover, and a missing model', () => {
    expectCleanFailure(
      generate(join(tmp, 'e.wav'), '--seconds', '5'),
      1,
      /seconds is 5, but the input is only 1\.50 s long; ask for at most 1\.50 s, or leave seconds out to get the whole input \[INVALID_REQUEST\]/,
    );
    const run = runLoris([
      'generate',
      '--poses',
      posesFile,
      '--genre',
      'Pop',
      '--model',
      join(tmp, 'none'),
      '--out',
      join(tmp, 'f.wav'),
    ]);
    expectCleanFailure(run, 1, /no model at .*none: expected a directory with model\.json/);
  });

  it('refuses bad option values as usage errors', () => {
    expectCleanFailure(generate(join(tmp, 'g.wav'), '--steps', '0'), 2, /--steps.*expected an integer >= 1/);
    expectCleanFailure(
      generate(join(tmp, 'g.wav'), '--sampler', 'ddim'),
      2,
      /Allowed choices are adpm2, euler, heun, dpmpp-2m/,
    );
  });
});

describe('loris generate --video', () => {
  const video = (...extra: string[]) =>
    runLoris(['generate', '--genre', 'Waack', '--steps', '3', '--model', PARITY_MODEL, ...extra]);

  it('estimates the dancer’s poses from a video and muxes the soundtrack onto it with --mp4', () => {
    const [out, mp4] = [join(tmp, 'video.wav'), join(tmp, 'video.mp4')];
    const run = video('--video', VTEST_CLIP, '--seconds', '1.5', '--out', out, '--mp4', mp4, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as GenerateOutput;
    // People walk through all of OpenCV's vtest clip; 1.5 s at the parity model's 30 poses per second.
    expect(summary.video).toEqual({ file: VTEST_CLIP, frames: 45, fps: 30, personFound: expect.any(Number) });
    expect(summary.video!.personFound).toBeGreaterThan(0.5);
    expect(summary.mp4).toBe(mp4);
    expect(readWav(readFileSync(out)).channels[0]).toHaveLength(Math.round(1.5 * summary.sampleRate));
    const streams = spawnSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', mp4],
      { encoding: 'utf8' },
    );
    expect(streams.stdout.trim().split('\n').sort()).toEqual(['audio', 'video']);
  });

  it('says when nobody is in the video, and writes nothing', () => {
    // ffmpeg's colour-bar test pattern: two seconds with nobody in them.
    const nobody = join(tmp, 'nobody.mp4');
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=10',
      '-t',
      '2',
      '-pix_fmt',
      'yuv420p',
      nobody,
    ]);
    expect(made.status).toBe(0);
    const out = join(tmp, 'nobody.wav');
    expectCleanFailure(
      video('--video', nobody, '--out', out, '--mp4', join(tmp, 'nobody-out.mp4')),
      1,
      /nobody\.mp4: No person was found in most of the video.* \[NO_PERSON_FOUND\]/,
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(tmp, 'nobody-out.mp4'))).toBe(false);
  });

  it('takes exactly one input, and --mp4 only with a video', () => {
    const out = join(tmp, 'h.wav');
    expectCleanFailure(video('--out', out), 1, /give the input as --poses <poses\.json> or --video <file>/);
    expectCleanFailure(
      video('--poses', posesFile, '--video', VTEST_CLIP, '--out', out),
      2,
      /option '--poses <poses\.json>' cannot be used with option '--video <file>'/,
    );
    expectCleanFailure(
      video('--poses', posesFile, '--out', out, '--mp4', join(tmp, 'h.mp4')),
      1,
      /--mp4 puts the soundtrack on a video: give the video with --video/,
    );
    expectCleanFailure(
      video('--video', join(tmp, 'missing.mp4'), '--out', out),
      1,
      /missing\.mp4: no such file \[FILE_NOT_FOUND\]/,
    );
  });
});
