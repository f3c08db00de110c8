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

/** Every tag ffprobe reads from a file: the container's and each stream's (what a curious rater could see). */
export async function probeTags(
  path: string,
): Promise<{ format: Record<string, string>; streams: Record<string, string>[] }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_entries',
    'format_tags:stream_tags',
    path,
  ]);
  const parsed = JSON.parse(stdout) as {
    format?: { tags?: Record<string, string> };
    streams?: { tags?: Record<string, string> }[];
  };
  return { format: parsed.format?.tags ?? {}, streams: (parsed.streams ?? []).map((s) => s.tags ?? {}) };
}

/**
 * Tags that say nothing about a file's origin: the MP4 brand fields and ffmpeg's fixed handler names, the
 * same in every file it writes.
 */
const NEUTRAL_TAGS: Record<string, RegExp> = {
  major_brand: /^isom$/,
  minor_version: /^\d+$/,
  compatible_brands: /^[a-z0-9]+$/,
  language: /^und$/,
  handler_name: /^(VideoHandler|SoundHandler)$/,
  vendor_id: /^\[0\]\[0\]\[0\]\[0\]$/,
};

/** The tags of `probeTags` that are not neutral, as "key=value" (none for a stimulus). */
export function tellingTags(tags: Awaited<ReturnType<typeof probeTags>>): string[] {
  return [tags.format, ...tags.streams].flatMap((t) =>
    Object.entries(t)
      .filter(([key, value]) => !NEUTRAL_TAGS[key]?.test(value))
      .map(([key, value]) => `${key}=${value}`),
  );
}
