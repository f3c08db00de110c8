import { rename, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MuxOptions } from '../media.types';
import { MediaToolFailed } from '../media.errors';
import { probeMedia } from './probe-media';
import { FFMPEG, lastErrorLine, runTool } from './run-tool';

/**
 * Puts a soundtrack on a video: the video stream copied as is (no re-encode, no quality loss), the WAV
 * encoded as AAC, the result cut to the shorter of the two (`-shortest`), MP4 with the index up front so
 * browsers can play it while it downloads. A video codec MP4 cannot carry (e.g. the DivX 3 of old AVIs) is
 * re-encoded to H.264 instead. Written to a temp name beside `outPath` and renamed, so a failure never
 * leaves a half-written file at `outPath`.
 */
export async function muxAudio(
  videoPath: string,
  wavPath: string,
  outPath: string,
  opts: MuxOptions = {},
): Promise<void> {
  const { audioBitrate = '192k', signal } = opts;
  await probeMedia(videoPath, { require: 'video', signal });
  await probeMedia(wavPath, { require: 'audio', signal });
  const temp = join(dirname(outPath), `.${randomUUID()}${extname(outPath) || '.mp4'}`);
  const common = [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-i',
    videoPath,
    '-i',
    wavPath,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
  ];
  const audio = ['-c:a', 'aac', '-b:a', audioBitrate, '-shortest', '-movflags', '+faststart'];
  try {
    let result = await runTool(FFMPEG, [...common, '-c:v', 'copy', ...audio, temp], signal);
    if (result.code !== 0) {
      const reencode = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'];
      result = await runTool(FFMPEG, [...common, ...reencode, ...audio, temp], signal);
    }
    if (result.code !== 0) {
      throw new MediaToolFailed(
        'ffmpeg',
        `Muxing the soundtrack onto the video failed: ${lastErrorLine(result.stderr, videoPath)}`,
      );
    }
    await rename(temp, outPath);
  } finally {
    await rm(temp, { force: true });
  }
}
