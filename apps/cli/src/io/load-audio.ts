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
 * Reads a WAV file as mono at `sampleRate`: channels averaged, then resampled when the file has another
 * rate (as librosa.load(path, sr=22050) does in the scoring code). Problems name the file.
 */
export function loadMonoAudio(file: string, sampleRate = ANALYSIS_SAMPLE_RATE): MonoAudio {
  const bytes = readInputFile(file);
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
