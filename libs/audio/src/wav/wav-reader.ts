import { InvalidWav } from '../audio.errors';
import {
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_PCM,
  type WavAudio,
  type WavSampleFormat,
} from './wav.types';

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

interface DataChunk {
  start: number;
  size: number;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const FMT_MIN_BYTES = 16;
const FMT_EXTENSIBLE_MIN_BYTES = 40;

/** Tags seen in the wild that we refuse, so the message can say what the file is. */
const KNOWN_FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0055: 'MPEG layer 3',
};

const SUPPORTED_BITS: Readonly<Record<WavSampleFormat, readonly number[]>> = {
  pcm: [8, 16, 24, 32],
  float: [32, 64],
};

function fourcc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

function hex(tag: number): string {
  return `0x${tag.toString(16).padStart(4, '0')}`;
}

function parseFmt(view: DataView, start: number, size: number): FmtChunk {
  if (size < FMT_MIN_BYTES) {
    throw new InvalidWav('WAV_INVALID_FORMAT', `the fmt chunk is ${size} bytes, fewer than the 16 it needs`);
  }
  let formatTag = view.getUint16(start, true);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < FMT_EXTENSIBLE_MIN_BYTES) {
      throw new InvalidWav(
        'WAV_INVALID_FORMAT',
        `the fmt chunk says WAVE_FORMAT_EXTENSIBLE but is ${size} bytes, fewer than the 40 it needs`,
      );
    }
    // The real format is the first two bytes of the SubFormat GUID (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT).
    formatTag = view.getUint16(start + 24, true);
  }
  return {
    formatTag,
    channels: view.getUint16(start + 2, true),
    sampleRate: view.getUint32(start + 4, true),
    blockAlign: view.getUint16(start + 12, true),
    bitsPerSample: view.getUint16(start + 14, true),
  };
}

function sampleFormatOf(fmt: FmtChunk): WavSampleFormat {
  const format: WavSampleFormat | undefined =
    fmt.formatTag === WAVE_FORMAT_PCM
      ? 'pcm'
      : fmt.formatTag === WAVE_FORMAT_IEEE_FLOAT
        ? 'float'
        : undefined;
  if (format === undefined) {
    const name = KNOWN_FORMAT_NAMES[fmt.formatTag];
    throw new InvalidWav(
      'WAV_UNSUPPORTED_FORMAT',
      `unsupported sample format: format tag ${hex(fmt.formatTag)}${name ? ` (${name})` : ''}; ` +
        'only PCM (8/16/24/32-bit) and IEEE float (32/64-bit) can be read',
    );
  }
  if (!SUPPORTED_BITS[format].includes(fmt.bitsPerSample)) {
    throw new InvalidWav(
      'WAV_UNSUPPORTED_FORMAT',
      `unsupported sample size: ${fmt.bitsPerSample}-bit ${format === 'pcm' ? 'PCM' : 'float'}; ` +
        `supported: ${SUPPORTED_BITS[format].join('/')}-bit`,
    );
  }
  return format;
}

function validateLayout(fmt: FmtChunk, data: DataChunk): void {
  if (fmt.channels === 0)
    throw new InvalidWav('WAV_INVALID_FORMAT', 'the fmt chunk says the audio has 0 channels');
  if (fmt.sampleRate === 0)
    throw new InvalidWav('WAV_INVALID_FORMAT', 'the fmt chunk says the sample rate is 0 Hz');
  const bytesPerSample = fmt.bitsPerSample / 8;
  const frameBytes = fmt.channels * bytesPerSample;
  if (fmt.blockAlign !== frameBytes) {
    throw new InvalidWav(
      'WAV_BLOCK_ALIGN_MISMATCH',
      `block align is ${fmt.blockAlign} bytes but ${fmt.channels} channel(s) of ${fmt.bitsPerSample}-bit samples ` +
        `need ${frameBytes}`,
    );
  }
  if (data.size === 0)
    throw new InvalidWav('WAV_EMPTY_AUDIO', 'the data chunk holds no samples (empty audio)');
  if (data.size % frameBytes !== 0) {
    throw new InvalidWav(
      'WAV_PARTIAL_FRAME',
      `the data chunk holds ${data.size} bytes, not a whole number of ${frameBytes}-byte frames ` +
        `(${fmt.channels} channel(s) x ${fmt.bitsPerSample}-bit)`,
    );
  }
}

type SampleDecoder = (view: DataView, offset: number) => number;

// Integer PCM is scaled by 2^(bits-1) so int16 x maps to x / 32768, as soundfile and librosa load it.
const DECODERS: Readonly<Record<string, SampleDecoder>> = {
  'pcm-8': (view, offset) => (view.getUint8(offset) - 128) / 128,
  'pcm-16': (view, offset) => view.getInt16(offset, true) / 32768,
  'pcm-24': (view, offset) => {
    const value = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getInt8(offset + 2) << 16);
    return value / 8388608;
  },
  'pcm-32': (view, offset) => view.getInt32(offset, true) / 2147483648,
  'float-32': (view, offset) => view.getFloat32(offset, true),
  'float-64': (view, offset) => view.getFloat64(offset, true),
};

function decodeChannels(
  view: DataView,
  fmt: FmtChunk,
  format: WavSampleFormat,
  data: DataChunk,
): Float32Array[] {
  const bytesPerSample = fmt.bitsPerSample / 8;
  const frames = data.size / fmt.blockAlign;
  const decode = DECODERS[`${format}-${fmt.bitsPerSample}`];
  const channels: Float32Array[] = [];
  for (let c = 0; c < fmt.channels; c++) {
    const out = new Float32Array(frames);
    let offset = data.start + c * bytesPerSample;
    for (let i = 0; i < frames; i++, offset += fmt.blockAlign) out[i] = decode(view, offset);
    channels.push(out);
  }
  return channels;
}

/**
 * Decodes a RIFF/WAVE file: fmt and data chunks in any order, unknown chunks skipped (with their pad byte),
 * WAVE_FORMAT_EXTENSIBLE, PCM 8/16/24/32-bit and float 32/64-bit, any channel count and rate.
 * Throws InvalidWav naming the problem for anything it cannot read faithfully.
 */
export function readWav(bytes: Uint8Array): WavAudio {
  if (bytes.length < RIFF_HEADER_BYTES) {
    throw new InvalidWav(
      'WAV_TRUNCATED_HEADER',
      `truncated header: the file is ${bytes.length} bytes, shorter than the 12-byte RIFF header`,
    );
  }
  if (fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WAVE') {
    throw new InvalidWav(
      'WAV_NOT_RIFF_WAVE',
      `not a RIFF/WAVE file: it starts with "${fourcc(bytes, 0)}" / "${fourcc(bytes, 8)}" instead of "RIFF" / "WAVE"`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: FmtChunk | undefined;
  let data: DataChunk | undefined;
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.length && !(fmt && data)) {
    const id = fourcc(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const start = offset + CHUNK_HEADER_BYTES;
    const available = bytes.length - start;
    if (id === 'fmt ') {
      if (size > available) {
        throw new InvalidWav(
          'WAV_TRUNCATED_HEADER',
          `truncated header: the fmt chunk declares ${size} bytes but the file ends after ${available}`,
        );
      }
      fmt = parseFmt(view, start, size);
    } else if (id === 'data') {
      if (size > available) {
        throw new InvalidWav(
          'WAV_TRUNCATED_DATA',
          `truncated data: the data chunk declares ${size} bytes but only ${available} are in the file`,
        );
      }
      data = { start, size };
    }
    // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    offset = start + size + (size & 1);
  }
  if (!fmt) {
    // A clean end of file lands exactly on a chunk boundary; anything else means the file was cut.
    const truncated = offset !== bytes.length || bytes.length === RIFF_HEADER_BYTES;
    throw truncated
      ? new InvalidWav('WAV_TRUNCATED_HEADER', 'truncated header: the file ends before a complete fmt chunk')
      : new InvalidWav('WAV_MISSING_FMT', 'the file has no fmt chunk, so its sample format is unknown');
  }
  if (!data) {
    throw offset !== bytes.length
      ? new InvalidWav(
          'WAV_TRUNCATED_DATA',
          'truncated data: the file ends before its data chunk is complete',
        )
      : new InvalidWav('WAV_MISSING_DATA', 'the file has no data chunk');
  }
  const format = sampleFormatOf(fmt);
  validateLayout(fmt, data);
  return {
    sampleRate: fmt.sampleRate,
    channels: decodeChannels(view, fmt, format, data),
    sampleFormat: format,
    bitsPerSample: fmt.bitsPerSample,
  };
}
