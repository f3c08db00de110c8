import { ArtifactKind } from '@loris/db';

/** Bytes read from the start of an upload to decide what it is. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The kind an upload claims by its content, never by its name: RIFF....WAVE is a WAV, text starting with
 * `{` (after an optional UTF-8 BOM and whitespace) is a pose track, anything else is handed to ffprobe.
 */
export function sniffKind(head: Uint8Array): ArtifactKind {
  const text = (start: number, end: number) => Buffer.from(head.subarray(start, end)).toString('latin1');
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') return ArtifactKind.WAV;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d))
    i++;
  return head[i] === 0x7b ? ArtifactKind.POSES : ArtifactKind.VIDEO;
}

export interface WavHeader {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/**
 * The `fmt ` chunk of a RIFF/WAVE file from its first bytes (the data itself is not read). Returns a
 * reason string when the header is not a usable WAV header.
 */
export function parseWavHeader(head: Uint8Array): WavHeader | string {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  while (offset + 8 <= head.length) {
    const id = Buffer.from(head.subarray(offset, offset + 4)).toString('latin1');
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ') {
      if (size < 16 || offset + 24 > head.length) return 'its fmt chunk is truncated';
      const header = {
        format: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
      if (header.channels < 1 || header.sampleRate < 1) return 'its fmt chunk has no channels or sample rate';
      if (![1, 3, 0xfffe].includes(header.format))
        return `its sample format ${header.format} is not PCM or float`;
      return header;
    }
    offset += 8 + size + (size % 2);
  }
  return 'it has no fmt chunk in its first 64 KiB';
}
