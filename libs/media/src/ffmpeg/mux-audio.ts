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
  const { audioBitrate = '192k', signal, videoStartSeconds } = opts;
  await probeMedia(videoPath, { require: 'video', signal });
  await probeMedia(wavPath, { require: 'audio', signal });
  const temp = join(dirname(outPath), `.${randomUUID()}${extname(outPath) || '.mp4'}`);
  const common = [
    '-v',
    'error',
    '-nostdin',
    '-y',
    ...(videoStartSeconds ? ['-ss', videoStartSeconds.toFixed(3)] : []),
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
    const reencode = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'];
    const encode = (video: string[]) => runTool(FFMPEG, [...common, ...video, ...audio, temp], signal);
    let result = await encode(videoStartSeconds ? reencode : ['-c:v', 'copy']);
    if (result.code !== 0 && !videoStartSeconds) result = await encode(reencode);
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
