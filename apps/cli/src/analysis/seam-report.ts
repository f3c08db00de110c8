// The seam score of a generated soundtrack, as `loris generate --json` prints it: libs/metrics' seamScore
// at the soundtrack's seams, with the request's visual rhythm for the strict onset F-measure.
import { type ModelContract, type ModelConditions } from '@loris/inference';
import { MelSpectrogramAnalyzer, OnsetDetector, powerToDb } from '@loris/audio';
import { seamScore } from '@loris/metrics';

export interface SeamReport {
  windows: number;
  /** Seam times, seconds. */
  seams: number[];
  /** Spectral change (dB per log-mel band) across the seams, and at points inside the windows. */
  seamChange: { mean: number; sd: number };
  interiorChange: { mean: number; sd: number; points: number };
  /** (seam mean - interior mean) / interior sd. */
  spectralZ: number;
  /** Share of interior points that change less than the seams do on average. */
  seamPercentile: number;
  /** Mean |after - before| onset density (per second) and tempo (BPM), at seams and inside windows. */
  densityJump: { seams: number; interior: number };
  tempoJump: { seams: number | null; interior: number | null };
  /** Strict onset F against the visual rhythm: the whole soundtrack, near seams, away from them. */
  rhythmF: { whole: number; nearSeams: number; awayFromSeams: number };
}

/** The visual rhythm's peak times (seconds) from the request's rhythm tokens. */
export function rhythmPeakTimes(contract: ModelContract, conditions: ModelConditions): number[] {
  const times: number[] = [];
  conditions.rhythm.forEach((peak, i) => peak > 0 && times.push(i / contract.rhythm.rate));
  return times;
}

/** The report for a soundtrack generated in more than one window; null for one window (no seams). */
export function seamReport(
  audio: Float32Array,
  sampleRate: number,
  seams: number[],
  rhythmTimes: number[],
): SeamReport | null {
  if (seams.length === 0) return null;
  // 64 log-mel bands at librosa's hop of 512: enough to see a change of timbre, cheap for 300 s.
  const hopLength = 512;
  const mel = new MelSpectrogramAnalyzer({ sampleRate, hopLength, nMels: 64 }).analyze(audio);
  const score = seamScore({
    spectrogram: { ...mel, data: powerToDb(mel.data), frameRate: sampleRate / hopLength },
    onsetTimes: new OnsetDetector({ sampleRate }).analyze(audio).onsetTimes,
    duration: audio.length / sampleRate,
    seams,
    rhythmTimes,
  });
  return {
    windows: seams.length + 1,
    seams,
    seamChange: { mean: score.seamSummary.meanSpectralChange, sd: score.seamSummary.sdSpectralChange },
    interiorChange: {
      mean: score.interiorSummary.meanSpectralChange,
      sd: score.interiorSummary.sdSpectralChange,
      points: score.interiorSummary.points,
    },
    spectralZ: score.spectralZ,
    seamPercentile: score.seamPercentile,
    densityJump: {
      seams: score.seamSummary.meanDensityJump,
      interior: score.interiorSummary.meanDensityJump,
    },
    tempoJump: { seams: score.seamSummary.meanTempoJump, interior: score.interiorSummary.meanTempoJump },
    rhythmF: {
      whole: score.rhythmWhole?.fMeasure ?? 0,
      nearSeams: score.rhythmNearSeams?.fMeasure ?? 0,
      awayFromSeams: score.rhythmAwayFromSeams?.fMeasure ?? 0,
    },
  };
}
