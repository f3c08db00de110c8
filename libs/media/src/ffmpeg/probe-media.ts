import { open } from 'node:fs/promises';
import type { AudioStreamInfo, MediaProbe, VideoStreamInfo } from '../media.types';
import { InvalidMedia, MediaToolFailed } from '../media.errors';
import { FFPROBE, lastErrorLine, runTool } from './run-tool';

export interface ProbeOptions {
  /** Refuse with InvalidMedia MEDIA_NO_VIDEO / MEDIA_NO_AUDIO when the stream is missing. */
  require?: 'video' | 'audio';
  signal?: AbortSignal;
  /** What messages call the file (an upload's own name); default: the path's last part. */
  name?: string;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string };
}

/** ffmpeg demuxers that accept almost any bytes (text shown as a terminal, raw frames), so not media to us. */
const NOT_MEDIA_FORMATS = new Set(['tty', 'txt']);

/** Probes a media file with ffprobe. Throws InvalidMedia for text, corrupt or (when required) stream-less files. */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<MediaProbe> {
  const head = await readHead(path);
  const name = describe(options.name ?? baseName(path));
  if (looksLikeText(head)) {
    throw new InvalidMedia('MEDIA_NOT_MEDIA', `${name} is a text file, not a video or audio file.`);
  }
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  const result = await runTool(FFPROBE, args, options.signal);
  if (result.code !== 0) throw unreadable(name, head, lastErrorLine(result.stderr, path));
  let parsed: FfprobeOutput;
  try {
    parsed = JSON.parse(result.stdout.toString('utf8')) as FfprobeOutput;
  } catch {
    throw new MediaToolFailed('ffprobe', `ffprobe printed output that is not JSON for ${name}.`);
  }
  const format = parsed.format?.format_name ?? 'unknown';
  const streams = parsed.streams ?? [];
  if (NOT_MEDIA_FORMATS.has(format) || streams.length === 0) {
    throw new InvalidMedia('MEDIA_NOT_MEDIA', `${name} has no video or audio streams.`);
  }
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const durationSeconds =
    positive(parsed.format?.duration) ??
    positive(videoStream?.duration) ??
    positive(audioStream?.duration) ??
    0;
  const probe: MediaProbe = { format, durationSeconds };
  if (videoStream) probe.video = videoInfo(videoStream, durationSeconds, name);
  if (audioStream) probe.audio = audioInfo(audioStream);
  if (options.require === 'video' && !probe.video) {
    const has = probe.audio ? 'only an audio stream' : 'no video stream';
    throw new InvalidMedia('MEDIA_NO_VIDEO', `${name} has ${has}; a video with a visible person is needed.`);
  }
  if (options.require === 'audio' && !probe.audio) {
    throw new InvalidMedia('MEDIA_NO_AUDIO', `${name} has no audio stream.`);
  }
  return probe;
}

function videoInfo(stream: FfprobeStream, durationSeconds: number, name: string): VideoStreamInfo {
  const fps = rate(stream.avg_frame_rate) ?? rate(stream.r_frame_rate);
  if (!stream.width || !stream.height || !fps) {
    throw new InvalidMedia(
      'MEDIA_CORRUPT',
      `${name}: the video stream has no readable frame size or frame rate.`,
    );
  }
  // Phones store portrait video as landscape frames plus a rotation; ffmpeg applies it when decoding.
  const rotation = Number(
    stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? stream.tags?.rotate ?? 0,
  );
  const quarterTurn = Math.abs(Math.round(rotation / 90)) % 2 === 1;
  const frames = Number(stream.nb_frames) > 0 ? Number(stream.nb_frames) : Math.round(durationSeconds * fps);
  return {
    width: quarterTurn ? stream.height : stream.width,
    height: quarterTurn ? stream.width : stream.height,
    fps,
    frames,
    codec: stream.codec_name ?? 'unknown',
  };
}

function audioInfo(stream: FfprobeStream): AudioStreamInfo {
  return {
    sampleRate: Number(stream.sample_rate) || 0,
    channels: stream.channels ?? 0,
    codec: stream.codec_name ?? 'unknown',
  };
}

/** "30000/1001" -> 29.97; "0/0" (unknown) -> undefined. */
function rate(text?: string): number | undefined {
  if (!text) return undefined;
  const [num, den] = text.split('/').map(Number);
  const value = den ? num / den : num;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function positive(text?: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

const HEAD_BYTES = 4096;

async function readHead(path: string): Promise<Buffer> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw new InvalidMedia(
        'MEDIA_NOT_FOUND',
        `${describe(baseName(path))} does not exist or is not a file.`,
      );
    }
    throw err;
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Printable UTF-8 with no control bytes other than whitespace: JSON, CSV, a note renamed .mp4. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  for (const byte of head) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return false;
  }
  // A multi-byte character cut at the end of the window is still text.
  return !head
    .subarray(0, Math.max(0, head.length - 4))
    .toString('utf8')
    .includes('\uFFFD');
}

/** Containers we recognise by their first bytes; one ffprobe cannot read is damaged, anything else is not media. */
const MAGIC: [string, (b: Buffer) => boolean][] = [
  [
    'MP4/QuickTime',
    (b) =>
      b.subarray(4, 8).toString('latin1') === 'ftyp' ||
      ['moov', 'mdat', 'wide', 'free'].includes(b.subarray(4, 8).toString('latin1')),
  ],
  ['RIFF (AVI/WAV)', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF'],
  ['Matroska/WebM', (b) => b.readUInt32BE(0) === 0x1a45dfa3],
  ['Ogg', (b) => b.subarray(0, 4).toString('latin1') === 'OggS'],
  ['MPEG-TS', (b) => b[0] === 0x47 && b.length > 188 && b[188] === 0x47],
  ['FLV', (b) => b.subarray(0, 3).toString('latin1') === 'FLV'],
];

function unreadable(name: string, head: Buffer, reason: string): InvalidMedia {
  const container = head.length >= 8 ? MAGIC.find(([, test]) => test(head))?.[0] : undefined;
  if (container) {
    return new InvalidMedia(
      'MEDIA_CORRUPT',
      `${name} starts like a ${container} file but cannot be read (${reason}); it may be truncated or damaged.`,
    );
  }
  return new InvalidMedia('MEDIA_NOT_MEDIA', `${name} is not a video or audio format that can be read.`);
}

/** The file name only: messages reach users, and server paths are not theirs to see. */
function describe(name: string): string {
  return `The file "${name}"`;
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
