import { detectOnsets, downmixToMono, readWav, resample } from '@loris/audio';
import { beatScores, beatsPerSecond, onsetFMeasure } from '@loris/metrics';

/**
 * The version of the scoring below, stored on every sample and summary. Change it whenever anything that
 * moves a score changes (the onset detector's parameters, the beat vectors, the tolerance, the analysis
 * rate): scores of different scorer versions are not comparable, and the compare page says so.
 */
export const SCORER_VERSION = 'loris-scorer/1';

/** The rate the authors' scoring code analyses at (librosa.load's default sr). */
export const SCORING_SAMPLE_RATE = 22050;

/** Mono audio at a known rate. */
export interface ScoringAudio {
  samples: Float32Array;
  sampleRate: number;
}

/** One (ground truth, generated) pair's scores, as fractions. */
export interface SampleScores {
  /** Cover of the pair: its BCS. */
  bcs: number;
  /** Hit of the pair: its BHS. */
  bhs: number;
  /** Harmonic mean of cover and hit (0 when both are 0). */
  f1: number;
  /** Strict +-70 ms onset F-measure of the generated onsets against the ground truth's. */
  onsetF: number;
  /** The same against the visual rhythm's peak times; null when the segment has no rhythm. */
  rhythmF: number | null;
  generatedOnsets: number;
  /** The generated audio's onset times (s), kept for the listening view's markers. */
  onsetTimes: number[];
}

/** A WAV's bytes as mono at the scoring rate (channels averaged, then resampled, as librosa.load does). */
export function scoringAudio(wav: Uint8Array): ScoringAudio {
  const decoded = readWav(wav);
  return toScoringRate({ samples: downmixToMono(decoded.channels), sampleRate: decoded.sampleRate });
}

export function toScoringRate(audio: ScoringAudio): ScoringAudio {
  if (audio.sampleRate === SCORING_SAMPLE_RATE) return audio;
  return {
    samples: resample(audio.samples, audio.sampleRate, SCORING_SAMPLE_RATE),
    sampleRate: SCORING_SAMPLE_RATE,
  };
}

/** Onset times and the second-wise beat vector of audio at the scoring rate. */
export interface AnalysedAudio {
  onsetTimes: number[];
  beats: Uint8Array;
}

export function analyseForScoring(audio: ScoringAudio): AnalysedAudio {
  const scoring = toScoringRate(audio);
  const onsets = detectOnsets(scoring.samples, scoring.sampleRate);
  return {
    onsetTimes: onsets.onsetTimes,
    beats: beatsPerSecond(onsets.onsetTimes, onsets.samples, onsets.sampleRate),
  };
}

/**
 * The benchmark's scores of one generated sample (libs/metrics: the authors' cover and hit on second-wise
 * beat vectors, and the strict onset F-measure). A ground truth that ends up to a second short of the
 * generated audio (a segment cut from a file that stopped early) is compared over the seconds both have:
 * the authors' code requires equal lengths, and the generated tail has nothing to be judged against.
 */
export function scoreSample(
  groundTruth: AnalysedAudio,
  generated: AnalysedAudio,
  rhythmPeakTimes: readonly number[] | null,
): SampleScores {
  const bins = Math.min(groundTruth.beats.length, generated.beats.length);
  const { cover, hit } = beatScores(groundTruth.beats, generated.beats.subarray(0, bins));
  const onsetF = onsetFMeasure(groundTruth.onsetTimes, generated.onsetTimes).fMeasure;
  const rhythmF =
    rhythmPeakTimes === null ? null : onsetFMeasure(rhythmPeakTimes, generated.onsetTimes).fMeasure;
  return {
    bcs: cover,
    bhs: hit,
    f1: cover + hit > 0 ? (2 * cover * hit) / (cover + hit) : 0,
    onsetF,
    rhythmF,
    generatedOnsets: generated.onsetTimes.length,
    onsetTimes: generated.onsetTimes.map((t) => Math.round(t * 1000) / 1000),
  };
}
