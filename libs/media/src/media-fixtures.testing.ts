import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A 6 s cut (10 fps, 768x576, H.264) of OpenCV's vtest.avi: pedestrians. Licence in fixtures/LICENSES.md. */
export const VTEST_CLIP = join(__dirname, '..', 'fixtures', 'vtest-6s.mp4');

/** A temp directory per suite, for clips made with ffmpeg at test time. */
export function useTempDir(): { dir: () => string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loris-media-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}

/** Runs ffmpeg quietly with the given arguments, writing `out`. */
export async function ffmpeg(args: string[], out: string): Promise<string> {
  await run('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args, out]);
  return out;
}

/** A video with nobody in it: ffmpeg's colour-bar test pattern. */
export function testPattern(out: string, seconds: number, size = '320x240'): Promise<string> {
  return ffmpeg(
    ['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=10`, '-t', String(seconds), '-pix_fmt', 'yuv420p'],
    out,
  );
}

/** A sine tone WAV. */
export function tone(
  out: string,
  seconds: number,
  hz: number,
  sampleRate = 44100,
  channels = 2,
): Promise<string> {
  return ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${hz}:sample_rate=${sampleRate}:duration=${seconds}`,
      '-ac',
      String(channels),
    ],
    out,
  );
}
