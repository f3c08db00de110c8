import { InvalidAudioInput } from '../audio.errors';
import { WAVE_FORMAT_IEEE_FLOAT, WAVE_FORMAT_PCM, type WavEncoding } from './wav.types';

export interface WavWriteInput {
  sampleRate: number;
  /** One array per channel, all the same length; PCM values are clipped to [-1, 1). */
  channels: readonly ArrayLike<number>[];
}

function validate(input: WavWriteInput): number {
  const { sampleRate, channels } = input;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0 || sampleRate > 0xffffffff) {
    throw new InvalidAudioInput(
      'AUDIO_BAD_PARAMETER',
      `sample rate must be a positive integer, got ${sampleRate}`,
    );
  }
  if (channels.length === 0 || channels.length > 0xffff) {
    throw new InvalidAudioInput('AUDIO_BAD_PARAMETER', `need 1 to 65535 channels, got ${channels.length}`);
  }
  const frames = channels[0].length;
  if (channels.some((channel) => channel.length !== frames)) {
    throw new InvalidAudioInput('AUDIO_BAD_PARAMETER', 'all channels must have the same number of samples');
  }
  return frames;
}

function toPcm16(value: number): number {
  const scaled = Math.round(value * 32768);
  return scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
}

/**
 * Encodes audio as a canonical WAV file: 16-bit PCM (a plain 16-byte fmt chunk) or 32-bit IEEE float
 * (an 18-byte fmt chunk plus the fact chunk that non-PCM formats carry).
 */
export function writeWav(input: WavWriteInput, encoding: WavEncoding = 'pcm16'): Uint8Array {
  const frames = validate(input);
  const channelCount = input.channels.length;
  const isFloat = encoding === 'float32';
  const bytesPerSample = isFloat ? 4 : 2;
  const blockAlign = channelCount * bytesPerSample;
  const dataBytes = frames * blockAlign;
  const fmtBytes = isFloat ? 18 : 16;
  const factBytes = isFloat ? 12 : 0;
  const headerBytes = 12 + 8 + fmtBytes + factBytes + 8;
  if (headerBytes + dataBytes - 8 > 0xffffffff) {
    throw new InvalidAudioInput('AUDIO_BAD_PARAMETER', 'the audio is too long for a WAV file (over 4 GiB)');
  }
  const bytes = new Uint8Array(headerBytes + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };

  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, input.sampleRate, true);
  view.setUint32(28, input.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let offset = 36;
  if (isFloat) {
    view.setUint16(offset, 0, true); // cbSize
    ascii(offset + 2, 'fact');
    view.setUint32(offset + 6, 4, true);
    view.setUint32(offset + 10, frames, true);
    offset += 2 + factBytes;
  }
  ascii(offset, 'data');
  view.setUint32(offset + 4, dataBytes, true);
  offset += 8;

  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++, offset += bytesPerSample) {
      const value = input.channels[c][i];
      if (isFloat) view.setFloat32(offset, value, true);
      else view.setInt16(offset, toPcm16(value), true);
    }
  }
  return bytes;
}
