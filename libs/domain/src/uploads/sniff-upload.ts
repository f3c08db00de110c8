import { ArtifactKind } from '@loris/db';
import { I3D_DIM } from '../curation/formats/loris-layout';
import { formatShape, isNpy, NpyFormatError, parseNpyHeader } from '../curation/formats/npy-reader';

/** Bytes read from the start of an upload to decide what it is. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The kind an upload claims by its content, never by its name: RIFF....WAVE is a WAV, \x93NUMPY is a
 * NumPy array (taken only as I3D features, which an import of the LORIS release uploads), text starting
 * with `{` (after an optional UTF-8 BOM and whitespace) is a pose track, anything else is handed to ffprobe.
 */
export function sniffKind(head: Uint8Array): ArtifactKind {
  const text = (start: number, end: number) => Buffer.from(head.subarray(start, end)).toString('latin1');
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') return ArtifactKind.WAV;
  if (isNpy(head)) return ArtifactKind.I3D_FEATURES;
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

/**
 * The frame count of I3D features from the .npy's first bytes and its size: float32 or float64, C order,
 * 2-D with the authors' 1024 columns, exactly as long as its header says. A reason string otherwise.
 */
export function checkI3dHeader(head: Uint8Array, fileBytes: number): { frames: number } | string {
  try {
    const header = parseNpyHeader(head);
    if (header.shape.length !== 2 || header.shape[1] !== I3D_DIM || header.shape[0] < 1) {
      return `its shape is ${formatShape(header.shape)}; I3D features are (frames, ${I3D_DIM})`;
    }
    if (fileBytes !== header.dataOffset + header.dataBytes) {
      return `it is ${fileBytes} bytes but its header calls for ${header.dataOffset + header.dataBytes}: it is truncated or padded`;
    }
    return { frames: header.shape[0] };
  } catch (error) {
    if (error instanceof NpyFormatError) return error.message;
    throw error;
  }
}
