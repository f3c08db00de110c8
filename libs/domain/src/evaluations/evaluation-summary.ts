import { summarizeBeatScores } from '@loris/metrics';

/** What a summary is computed from: one version's samples in a run. */
export interface ScoredSample {
  bcs: number;
  bhs: number;
  onsetF: number;
  rhythmF: number | null;
  generateSeconds: number;
  scoreSeconds: number;
}

/** A version's row of the paper's tables, as fractions (the views show them x100). */
export interface EvaluationScores {
  samples: number;
  bcs: number;
  /** Sample standard deviation of the covers; null for a single sample. */
  csd: number | null;
  bhs: number;
  hsd: number | null;
  f1: number;
  onsetF: number;
  /** Mean over the samples whose segment has a visual rhythm; null when none has. */
  rhythmF: number | null;
  rhythmSamples: number;
  /** Mean seconds per sample. */
  generateSeconds: number;
  scoreSeconds: number;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * BCS, CSD, BHS, HSD and F1 over the set (libs/metrics' summarizeBeatScores, the authors' definitions: F1 of
 * the means, not the mean of the pairs' F1), and the mean strict onset F-measures.
 */
export function summarizeSamples(samples: readonly ScoredSample[]): EvaluationScores {
  const beat = summarizeBeatScores(samples.map((s) => ({ cover: s.bcs, hit: s.bhs })));
  const rhythm = samples.flatMap((s) => (s.rhythmF === null ? [] : [s.rhythmF]));
  return {
    samples: samples.length,
    bcs: beat.BCS,
    csd: beat.CSD,
    bhs: beat.BHS,
    hsd: beat.HSD,
    f1: beat.F1,
    onsetF: mean(samples.map((s) => s.onsetF)),
    rhythmF: rhythm.length ? mean(rhythm) : null,
    rhythmSamples: rhythm.length,
    generateSeconds: mean(samples.map((s) => s.generateSeconds)),
    scoreSeconds: mean(samples.map((s) => s.scoreSeconds)),
  };
}
