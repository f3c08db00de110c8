import type { MuxOptions } from '../media.types';
import { MediaToolFailed } from '../media.errors';

/** Copies the video stream, encodes the WAV as AAC, and cuts to the shorter of the two. */
export async function muxAudio(
  videoPath: string,
  wavPath: string,
  outPath: string,
  opts: MuxOptions = {},
): Promise<void> {
  throw new MediaToolFailed(
    'ffmpeg',
    `muxAudio(${videoPath}, ${wavPath}, ${outPath}, ${opts.audioBitrate}) is being implemented`,
  );
}
