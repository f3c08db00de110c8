import type { DecodeFramesOptions, RgbFrame } from '../media.types';
import { InvalidMedia, MediaCancelled } from '../media.errors';
import { checkPositive, checkWindow } from '../media-options';
import { letterboxFor } from './letterbox';
import { probeMedia } from './probe-media';
import { FFMPEG, lastErrorLine, startTool, timeArgs } from './run-tool';

/** Fewer frames than this share of the expected count, with decode errors, is a damaged file. */
const TRUNCATED_SHARE = 0.9;
/** Larger frames than this are refused as a mistake (8K is 7680 x 4320). */
const MAX_SIDE = 8192;

/**
 * Decodes RGB24 frames at a fixed rate and size: ffmpeg resamples time with its `fps` filter, scales
 * (letterboxed by default, the aspect ratio kept and black padding centred) and writes raw frames to a
 * pipe that is read one frame at a time, so memory stays at a few frames whatever the video's length.
 * Stopping the iteration early kills ffmpeg.
 */
export async function* decodeFrames(path: string, opts: DecodeFramesOptions): AsyncGenerator<RgbFrame> {
  const { fps, width, height, fit = 'letterbox', startSeconds = 0, durationSeconds, signal } = opts;
  checkPositive('fps', fps, 240);
  checkPositive('width', width, MAX_SIDE);
  checkPositive('height', height, MAX_SIDE);
  checkWindow(startSeconds, durationSeconds);
  const probe = await probeMedia(path, { require: 'video', signal });
  const video = probe.video!;
  const time = timeArgs(startSeconds, durationSeconds);
  const args = ['-v', 'error', '-nostdin', ...time.input, '-i', path, ...time.output, '-an', '-sn', '-dn'];
  args.push('-vf', filterGraph(video.width, video.height, width, height, fps, fit));
  args.push('-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1');

  const run = startTool(FFMPEG, args, signal);
  const frameBytes = width * height * 3;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let finished = false;
  try {
    for await (const chunk of run.proc.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        // A copy, so the consumer may keep the frame while the next chunk reuses pipe memory.
        const data = new Uint8Array(joined.subarray(0, frameBytes));
        const rest = joined.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        yield { index, timeSeconds: startSeconds + index / fps, width, height, data };
        index += 1;
      }
    }
    const code = await run.exited;
    finished = true;
    if (code !== 0) {
      throw new InvalidMedia(
        'MEDIA_CORRUPT',
        `The video could not be decoded after ${index} frames (${lastErrorLine(run.stderr(), path)}); it may be truncated or damaged.`,
      );
    }
    // ffmpeg decodes past damage with exit code 0 (a truncated file whose index is up front reads as
    // "partial file"); a short result with errors logged is a damaged file, not a short video.
    const span = Math.min(durationSeconds ?? Infinity, probe.durationSeconds - startSeconds);
    if (run.stderr().trim() && index < TRUNCATED_SHARE * span * fps) {
      throw new InvalidMedia(
        'MEDIA_CORRUPT',
        `The video ends after ${(startSeconds + index / fps).toFixed(1)} s of its ${probe.durationSeconds.toFixed(1)} s ` +
          `(${lastErrorLine(run.stderr(), path)}); it is truncated or damaged.`,
      );
    }
    if (index === 0) {
      const where = startSeconds ? ` from ${startSeconds} s` : '';
      throw new InvalidMedia('MEDIA_CORRUPT', `The video has no decodable frames${where}.`);
    }
  } catch (err) {
    if (signal?.aborted) throw new MediaCancelled();
    throw err;
  } finally {
    if (!finished) run.proc.kill('SIGKILL');
  }
}

function filterGraph(
  sourceWidth: number,
  sourceHeight: number,
  width: number,
  height: number,
  fps: number,
  fit: string,
): string {
  const rate = `fps=${fps}`;
  if (fit === 'scale') return `${rate},scale=${width}:${height}:flags=bilinear,setsar=1`;
  const box = letterboxFor(sourceWidth, sourceHeight, width, height);
  return (
    `${rate},scale=${box.innerWidth}:${box.innerHeight}:flags=bilinear,setsar=1,` +
    `pad=${width}:${height}:${box.padX}:${box.padY}:black`
  );
}
