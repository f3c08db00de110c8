import type { DecodeFramesOptions, RgbFrame } from '../media.types';
import { MediaToolFailed } from '../media.errors';

/** Decodes RGB24 frames at a fixed rate and size through ffmpeg's rawvideo pipe. */
// eslint-disable-next-line require-yield
export async function* decodeFrames(path: string, opts: DecodeFramesOptions): AsyncGenerator<RgbFrame> {
  throw new MediaToolFailed('ffmpeg', `decodeFrames(${path}, ${opts.fps}) is being implemented`);
}
