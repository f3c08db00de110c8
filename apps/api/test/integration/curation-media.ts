// Videos for the curation suites, made with ffmpeg at test time from real footage: OpenCV's vtest.avi
// (80 s of pedestrians, Debian's opencv-doc) scaled to 320 px wide, with a "music" track of 440 Hz beeps,
// one a second (clear onsets). Small on purpose: ingest stays quick on 2 cores.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VTEST_AVI = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';

function ffmpeg(dir: string, name: string, args: string[]): Buffer {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args, out]);
  return readFileSync(out);
}

/**
 * The real footage must be there (tools/install-system-deps.sh installs opencv-doc): a suite that skipped
 * without it would pass in CI having tested nothing.
 */
export function requireVtest(): void {
  if (!existsSync(VTEST_AVI)) {
    throw new Error(`${VTEST_AVI} is missing: run bash tools/install-system-deps.sh (Debian's opencv-doc)`);
  }
}

const BEEPS = ['-f', 'lavfi', '-i', 'sine=frequency=440:beep_factor=4:sample_rate=44100'];
const SMALL_H264 = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-pix_fmt',
  'yuv420p',
  '-movflags',
  '+faststart',
];

/** `seconds` of vtest.avi with the beeps as its audio. */
export function pedestriansWithMusic(
  dir: string,
  seconds: number,
  name = `pedestrians-${seconds}s.mp4`,
): Buffer {
  return ffmpeg(dir, name, [
    '-i',
    VTEST_AVI,
    ...BEEPS,
    '-t',
    String(seconds),
    '-vf',
    'scale=320:-2',
    ...SMALL_H264,
    '-c:a',
    'aac',
    '-shortest',
  ]);
}

/** `seconds` of vtest.avi with no audio stream. */
export function pedestriansSilent(dir: string, seconds: number): Buffer {
  return ffmpeg(dir, `silent-${seconds}s.mp4`, [
    '-i',
    VTEST_AVI,
    '-t',
    String(seconds),
    '-vf',
    'scale=320:-2',
    '-an',
    ...SMALL_H264,
  ]);
}

/** ffmpeg's colour bars (nobody in them) with the beeps. */
export function nobodyWithMusic(dir: string, seconds: number): Buffer {
  return ffmpeg(dir, `nobody-${seconds}s.mp4`, [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=10',
    ...BEEPS,
    '-t',
    String(seconds),
    ...SMALL_H264,
    '-c:a',
    'aac',
    '-shortest',
  ]);
}

/**
 * A video cut off at 60% of its bytes: the index (written up front) still says its full length, so it
 * passes the upload's probe, but its streams stop early, as a download interrupted mid-way does.
 */
export function truncated(video: Buffer): Buffer {
  return video.subarray(0, Math.floor(video.length * 0.6));
}
