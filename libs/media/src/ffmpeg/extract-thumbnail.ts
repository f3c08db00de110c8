import { InvalidMedia } from '../media.errors';
import { checkPositive, checkWindow } from '../media-options';
import { FFMPEG, lastErrorLine, runTool } from './run-tool';

export interface ThumbnailOptions {
  /** Where in the video the frame is taken. Default 0. */
  atSeconds?: number;
  /** Width in pixels (the height follows the aspect ratio, even). Default 320. */
  width?: number;
  signal?: AbortSignal;
}

/**
 * One frame of a video as a JPEG, for lists and review pages: decoded at `atSeconds` (input seeking, so a
 * frame late in a long video costs no more than an early one), scaled to `width`.
 */
export async function extractThumbnail(path: string, opts: ThumbnailOptions = {}): Promise<Buffer> {
  const { atSeconds = 0, width = 320, signal } = opts;
  checkWindow(atSeconds);
  checkPositive('width', width, 4096);
  const args = ['-v', 'error', '-nostdin', '-ss', atSeconds.toFixed(3), '-i', path, '-frames:v', '1'];
  args.push(
    '-vf',
    `scale=${Math.round(width)}:-2`,
    '-q:v',
    '4',
    '-f',
    'image2pipe',
    '-c:v',
    'mjpeg',
    'pipe:1',
  );
  const result = await runTool(FFMPEG, args, signal);
  if (result.code !== 0 || result.stdout.length === 0) {
    const why = result.code !== 0 ? lastErrorLine(result.stderr, path) : 'no frame at that time';
    throw new InvalidMedia(
      'MEDIA_CORRUPT',
      `No frame could be decoded at ${atSeconds.toFixed(1)} s (${why}).`,
    );
  }
  return result.stdout;
}
