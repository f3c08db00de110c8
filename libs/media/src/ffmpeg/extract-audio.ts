import type { ExtractAudioOptions, ExtractedAudio } from '../media.types';
import { InvalidMedia } from '../media.errors';
import { checkPositive, checkWindow } from '../media-options';
import { probeMedia } from './probe-media';
import { FFMPEG, lastErrorLine, runTool, timeArgs } from './run-tool';

export const MODEL_SAMPLE_RATE = 22050;

/**
 * Decodes the audio stream to float PCM at the model's rate (22050 Hz mono by default): ffmpeg resamples
 * (swresample) and downmixes, and writes interleaved f32le that is split into planar channels here.
 */
export async function extractAudio(path: string, opts: ExtractAudioOptions = {}): Promise<ExtractedAudio> {
  const { sampleRate = MODEL_SAMPLE_RATE, mono = true, startSeconds, durationSeconds, signal } = opts;
  checkPositive('sampleRate', sampleRate, 384000);
  checkWindow(startSeconds, durationSeconds);
  const probe = await probeMedia(path, { require: 'audio', signal });
  const channels = mono ? 1 : probe.audio!.channels;
  const time = timeArgs(startSeconds, durationSeconds);
  const args = ['-v', 'error', '-nostdin', ...time.input, '-i', path, ...time.output, '-vn', '-sn', '-dn'];
  args.push('-ac', String(channels), '-ar', String(sampleRate), '-f', 'f32le', 'pipe:1');
  const result = await runTool(FFMPEG, args, signal);
  if (result.code !== 0) {
    throw new InvalidMedia(
      'MEDIA_CORRUPT',
      `The audio could not be decoded (${lastErrorLine(result.stderr, path)}); the file may be truncated or damaged.`,
    );
  }
  const frames = Math.floor(result.stdout.length / (4 * channels));
  // Copy into an aligned buffer: the pipe's Buffer may start at an odd offset.
  const interleaved = new Float32Array(frames * channels);
  new Uint8Array(interleaved.buffer).set(result.stdout.subarray(0, frames * channels * 4));
  const planar = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i += 1) {
    for (let c = 0; c < channels; c += 1) planar[c][i] = interleaved[i * channels + c];
  }
  return { sampleRate, channels: planar };
}
