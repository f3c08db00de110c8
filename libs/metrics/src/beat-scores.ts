import { InvalidMetricsInput } from './metrics.errors';

export interface PairBeatScores {
  /** BCS of the pair: hits / beats of the generated vector (0 when it has none). */
  cover: number;
  /** BHS of the pair: hits / beats of the ground truth cut to the generated length (0 when none). */
  hit: number;
  hits: number;
  gtBeats: number;
  generatedBeats: number;
}

export interface BeatScoreSummary {
  BCS: number;
  /** Sample standard deviation (ddof 1) of cover; null for fewer than 2 pairs, where it is undefined. */
  CSD: number | null;
  BHS: number;
  HSD: number | null;
  F1: number;
}

function checkBeatVector(beats: ArrayLike<number>, what: string): void {
  for (let i = 0; i < beats.length; i++) {
    if (beats[i] !== 0 && beats[i] !== 1) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_BEAT_VECTOR',
        `${what}[${i}] is ${beats[i]}; beat vectors hold 0 or 1`,
      );
    }
  }
}

/**
 * Cover and hit of one (ground truth, generated) pair, as the authors' beats_scores.py computes them:
 * the ground truth is cut to the generated vector's length, a hit is a bin that is 1 in both.
 */
export function beatScores(gt: ArrayLike<number>, generated: ArrayLike<number>): PairBeatScores {
  checkBeatVector(gt, 'gt');
  checkBeatVector(generated, 'generated');
  const n = generated.length;
  if (gt.length < n) {
    // The authors' code asserts equal lengths after the cut; a shorter ground truth is refused too.
    throw new InvalidMetricsInput(
      'METRICS_GT_SHORTER',
      `the ground truth has ${gt.length} one-second bins, fewer than the generated audio's ${n}`,
    );
  }
  let gtBeats = 0;
  let generatedBeats = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    gtBeats += gt[i];
    generatedBeats += generated[i];
    if (gt[i] === 1 && generated[i] === 1) hits++;
  }
  return {
    cover: generatedBeats ? hits / generatedBeats : 0,
    hit: gtBeats ? hits / gtBeats : 0,
    hits,
    gtBeats,
    generatedBeats,
  };
}

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** numpy.std(values, ddof=1). */
function sampleStd(values: number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}

/** BCS, CSD, BHS, HSD and F1 over a set of pairs (paper section 4.2), as fractions. */
export function summarizeBeatScores(
  pairs: ReadonlyArray<Pick<PairBeatScores, 'cover' | 'hit'>>,
): BeatScoreSummary {
  if (pairs.length === 0) {
    throw new InvalidMetricsInput(
      'METRICS_EMPTY_SET',
      'no pairs to summarise; give at least one (gt, generated) pair',
    );
  }
  const covers = pairs.map((p) => p.cover);
  const hits = pairs.map((p) => p.hit);
  const BCS = mean(covers);
  const BHS = mean(hits);
  return {
    BCS,
    CSD: sampleStd(covers),
    BHS,
    HSD: sampleStd(hits),
    F1: BCS + BHS > 0 ? (2 * BCS * BHS) / (BCS + BHS) : 0,
  };
}

/** The summary as the paper's tables report it: every score x100. */
export function reportedX100(summary: BeatScoreSummary): BeatScoreSummary {
  const x100 = (v: number | null): number | null => (v === null ? null : v * 100);
  return {
    BCS: summary.BCS * 100,
    CSD: x100(summary.CSD),
    BHS: summary.BHS * 100,
    HSD: x100(summary.HSD),
    F1: summary.F1 * 100,
  };
}
