import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MediaToolFailed } from '../media.errors';
import { probeMedia } from './probe-media';
import { FFMPEG, lastErrorLine, runTool } from './run-tool';

export interface StimulusMuxOptions {
  /** Where in the video the item starts (a segment of a longer source video). */
  videoStartSeconds?: number;
  /** Taller videos are scaled down to this height (a rater's phone gains nothing from more). */
  maxHeight?: number;
  signal?: AbortSignal;
}

// Bit-exact flags keep the libavcodec/libavformat version strings out of the streams; the copy pass below
// keeps the encoder's name out of the MP4 sample description, which ffmpeg fills in for every stream it
// encodes itself, whatever -metadata says.
const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'];
const NO_METADATA = ['-map_metadata', '-1', '-map_chapters', '-1'];

/**
 * A listening-test stimulus with its picture (P.808 with video, issue 17): the item's video from
 * `videoStartSeconds` with `wavPath` (already loudness-normalised) as its only sound, H.264 + AAC in an MP4
 * with the index up front. It lasts exactly as long as the audio: a video that ends first holds its last
 * frame, so the rater always sees the clip play to the audio's end. Nothing in the file says where it came
 * from: no title, no encoder or library version (x264's settings SEI is dropped too), no source name;
 * only the container's fixed brand and handler names, the same in every stimulus. Written beside
 * `outPath` and renamed, so a failure never leaves a half-written stimulus.
 */
export async function muxStimulus(
  videoPath: string,
  wavPath: string,
  outPath: string,
  opts: StimulusMuxOptions = {},
): Promise<void> {
  const { signal, videoStartSeconds = 0, maxHeight = 720 } = opts;
  await probeMedia(videoPath, { require: 'video', signal });
  const seconds = (await probeMedia(wavPath, { require: 'audio', signal })).durationSeconds.toFixed(3);
  const encoded = join(dirname(outPath), `.${randomUUID()}.mkv`);
  const temp = join(dirname(outPath), `.${randomUUID()}.mp4`);
  const fail = (what: string, stderr: string) =>
    new MediaToolFailed('ffmpeg', `${what} failed: ${lastErrorLine(stderr, videoPath)}`);
  try {
    const encode = await runTool(
      FFMPEG,
      [
        ...['-v', 'error', '-nostdin', '-y'],
        ...(videoStartSeconds > 0 ? ['-ss', videoStartSeconds.toFixed(3)] : []),
        ...['-i', videoPath, '-i', wavPath, '-map', '0:v:0', '-map', '1:a:0'],
        '-vf',
        `tpad=stop_mode=clone:stop_duration=${seconds},scale=-2:'trunc(min(${maxHeight},ih)/2)*2',format=yuv420p`,
        ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23'],
        ...['-c:a', 'aac', '-b:a', '160k', '-t', seconds],
        ...BITEXACT,
        ...NO_METADATA,
        ...['-f', 'matroska', encoded],
      ],
      signal,
    );
    if (encode.code !== 0) throw fail('Encoding the stimulus video', encode.stderr);
    const remux = await runTool(
      FFMPEG,
      [
        ...['-v', 'error', '-nostdin', '-y', '-i', encoded, '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy'],
        // SEI units: x264 writes its version and every setting into one.
        ...['-bsf:v', 'filter_units=remove_types=6'],
        ...NO_METADATA,
        ...['-fflags', '+bitexact', '-movflags', '+faststart', '-f', 'mp4', temp],
      ],
      signal,
    );
    if (remux.code !== 0) throw fail('Writing the stimulus MP4', remux.stderr);
    await rename(temp, outPath);
  } finally {
    await rm(encoded, { force: true });
    await rm(temp, { force: true });
  }
}
