import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSynthExample } from '@loris/synth';

/** A synthetic dancer's pose track (libs/synth) as the JSON bytes a client would upload. */
export function synthPosesJson(seconds = 3, seed = 1): Buffer {
  const example = generateSynthExample({ genre: SYNTH_GENRE, seconds, seed });
  return Buffer.from(JSON.stringify(example.poses));
}

const SYNTH_GENRE = 'Pop';

/** A short H.264 MP4 rendered by Debian's ffmpeg from its test pattern (no person in it). */
export function testPatternMp4(seconds = 1): Buffer {
  const path = join(mkdtempSync(join(tmpdir(), 'loris-media-')), 'pattern.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=160x120:rate=10:duration=${seconds}`,
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    path,
  ]);
  return readFileSync(path);
}

/** POSTs bytes to /v1/uploads with the caller's credentials (and the file's name, as the console sends it). */
export async function uploadBytes(
  baseUrl: string,
  body: Uint8Array,
  credentials: { token?: string; apiKey?: string },
  contentType = 'application/octet-stream',
  fileName?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (fileName) headers['x-file-name'] = encodeURIComponent(fileName);
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  const res = await fetch(`${baseUrl}/v1/uploads`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
