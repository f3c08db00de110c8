// Builders of small WAV files for the reader's and writer's specs: real RIFF bytes, chunk by chunk.

export interface ChunkSpec {
  id: string;
  body: Uint8Array;
  /** Size written in the chunk header when it should lie about the body (default body.length). */
  declaredSize?: number;
}

export interface FmtSpec {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign?: number;
  /** Write a WAVE_FORMAT_EXTENSIBLE chunk whose SubFormat is formatTag. */
  extensible?: boolean;
}

export function fmtChunk(spec: FmtSpec): ChunkSpec {
  const blockAlign = spec.blockAlign ?? (spec.channels * spec.bitsPerSample) / 8;
  const body = new Uint8Array(spec.extensible ? 40 : 16);
  const view = new DataView(body.buffer);
  view.setUint16(0, spec.extensible ? 0xfffe : spec.formatTag, true);
  view.setUint16(2, spec.channels, true);
  view.setUint32(4, spec.sampleRate, true);
  view.setUint32(8, spec.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, spec.bitsPerSample, true);
  if (spec.extensible) {
    view.setUint16(16, 22, true); // cbSize
    view.setUint16(18, spec.bitsPerSample, true); // valid bits
    view.setUint32(20, spec.channels === 2 ? 3 : 4, true); // channel mask
    view.setUint16(24, spec.formatTag, true); // SubFormat GUID, first two bytes
    body.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return { id: 'fmt ', body };
}

export function dataChunk(body: Uint8Array, declaredSize?: number): ChunkSpec {
  return { id: 'data', body, declaredSize };
}

/** RIFF/WAVE bytes from chunks, each padded to an even length as RIFF requires. */
export function riffWave(chunks: readonly ChunkSpec[]): Uint8Array {
  const parts: number[] = [];
  const pushAscii = (text: string): void => {
    for (const char of text) parts.push(char.charCodeAt(0));
  };
  const pushUint32 = (value: number): void => {
    parts.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  };
  for (const chunk of chunks) {
    pushAscii(chunk.id);
    pushUint32(chunk.declaredSize ?? chunk.body.length);
    parts.push(...chunk.body);
    if (chunk.body.length % 2 === 1) parts.push(0);
  }
  const bytes = new Uint8Array(12 + parts.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x52, 0x49, 0x46, 0x46], 0); // RIFF
  view.setUint32(4, 4 + parts.length, true);
  bytes.set([0x57, 0x41, 0x56, 0x45], 8); // WAVE
  bytes.set(parts, 12);
  return bytes;
}

/** Little-endian sample bytes of the given width for integer samples. */
export function intSamples(values: readonly number[], bytesPerSample: number): Uint8Array {
  const out = new Uint8Array(values.length * bytesPerSample);
  values.forEach((value, i) => {
    for (let b = 0; b < bytesPerSample; b++) out[i * bytesPerSample + b] = (value >> (8 * b)) & 0xff;
  });
  return out;
}
