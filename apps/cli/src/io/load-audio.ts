import { downmixToMono, readWav, resample } from '@loris/audio';
import { aboutFile } from '../cli.error';
import { readInputFile } from './read-input-file';

/** The rate the benchmark's scoring code analyses at (librosa.load's default sr). */
export const ANALYSIS_SAMPLE_RATE = 22050;

export interface MonoAudio {
  file: string;
  sampleRate: number;
  /** Rate and channel count in the file, before the downmix and resampling. */
  sourceSampleRate: number;
  sourceChannels: number;
  samples: Float32Array;
}

/**
 * Decodes WAV bytes as mono at `sampleRate`: channels averaged, then resampled when the file has another
 * rate (as librosa.load(path, sr=22050) does in the scoring code). Problems name `file`.
 */
export function decodeMonoAudio(
  bytes: Uint8Array,
  file: string,
  sampleRate = ANALYSIS_SAMPLE_RATE,
): MonoAudio {
  return aboutFile(file, () => {
    const wav = readWav(bytes);
    const mono = downmixToMono(wav.channels);
    return {
      file,
      sampleRate,
      sourceSampleRate: wav.sampleRate,
      sourceChannels: wav.channels.length,
      samples: wav.sampleRate === sampleRate ? mono : resample(mono, wav.sampleRate, sampleRate),
    };
  });
}

/** Reads a WAV file as mono at `sampleRate` (see decodeMonoAudio). */
export function loadMonoAudio(file: string, sampleRate = ANALYSIS_SAMPLE_RATE): MonoAudio {
  return decodeMonoAudio(readInputFile(file), file, sampleRate);
}
