/** How the samples are stored in the file: integer PCM or IEEE float. */
export type WavSampleFormat = 'pcm' | 'float';

/** Decoded audio: one Float32Array per channel, values in [-1, 1) for PCM. */
export interface WavAudio {
  sampleRate: number;
  channels: Float32Array[];
  sampleFormat: WavSampleFormat;
  bitsPerSample: number;
}

/** Encodings the writer produces. */
export type WavEncoding = 'pcm16' | 'float32';

/** WAVE format tags (mmreg.h). */
export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
