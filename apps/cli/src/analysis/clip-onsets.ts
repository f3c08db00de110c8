import { detectOnsets } from '@loris/audio';
import { beatsPerSecond } from '@loris/metrics';
import { aboutFile } from '../cli.error';
import { loadMonoAudio, type MonoAudio } from '../io/load-audio';

/** What `loris onsets` reports for one file (issue 3's output shape). */
export interface ClipOnsets {
  sampleRate: number;
  samples: number;
  onsetStrength: number[];
  onsetFrames: number[];
  onsetTimes: number[];
  beatsPerSecond: number[];
}

/** Onset strength, onsets and the second-wise beat vector of decoded audio, as the scoring code computes them. */
export function analyzeAudio(audio: MonoAudio): ClipOnsets {
  return aboutFile(audio.file, () => {
    const analysis = detectOnsets(audio.samples, audio.sampleRate);
    return {
      sampleRate: analysis.sampleRate,
      samples: analysis.samples,
      onsetStrength: Array.from(analysis.onsetStrength),
      onsetFrames: analysis.onsetFrames,
      onsetTimes: analysis.onsetTimes,
      beatsPerSecond: Array.from(beatsPerSecond(analysis.onsetTimes, analysis.samples, analysis.sampleRate)),
    };
  });
}

/** analyzeAudio of a WAV file. */
export function analyzeClip(file: string): ClipOnsets {
  return analyzeAudio(loadMonoAudio(file));
}
