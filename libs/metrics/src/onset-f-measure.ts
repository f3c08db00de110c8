import { checkTimes } from './beat-vector';
import { InvalidMetricsInput } from './metrics.errors';

export const DEFAULT_TOLERANCE_MS = 70;

export interface OnsetFMeasureOptions {
  /** Half-width of the window: an estimate within +-tolerance of a reference onset can match it. */
  toleranceMs?: number;
}

export interface OnsetFMeasure {
  precision: number;
  recall: number;
  fMeasure: number;
  /** Size of the one-to-one matching. */
  matches: number;
  reference: number;
  estimated: number;
  toleranceMs: number;
}

function sorted(times: ArrayLike<number>): Float64Array {
  return Float64Array.from(times).sort();
}

/**
 * Onset precision, recall and F-measure with a tolerance window, as mir_eval.onset.f_measure scores
 * them: each reference and each estimate is matched at most once, the matching is as large as
 * possible, and a pair matches when est - w <= ref <= est + w (mir_eval's hit-window test).
 *
 * mir_eval finds the maximum matching with Hopcroft-Karp; because every window has the same width, a
 * greedy pass in time order finds one of the same size: each reference, earliest first, takes the
 * earliest estimate still free that is not too early for it, or none when that one is too late.
 * Precision = matches / estimated, recall = matches / reference; all three are 0 when either list is
 * empty. Use it for generated vs ground-truth onsets, and for generated onsets vs visual-rhythm peak
 * times (reference = the peak times).
 */
export function onsetFMeasure(
  reference: ArrayLike<number>,
  estimated: ArrayLike<number>,
  options: OnsetFMeasureOptions = {},
): OnsetFMeasure {
  const toleranceMs = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  if (!Number.isFinite(toleranceMs) || toleranceMs <= 0) {
    throw new InvalidMetricsInput('METRICS_BAD_TOLERANCE', `tolerance must be > 0 ms, got ${toleranceMs}`);
  }
  checkTimes(reference, 'reference');
  checkTimes(estimated, 'estimated');
  const window = toleranceMs / 1000;
  const ref = sorted(reference);
  const est = sorted(estimated);
  let matches = 0;
  let j = 0;
  for (let i = 0; i < ref.length && j < est.length; i++) {
    // Estimates too early for this reference are too early for every later one.
    while (j < est.length && est[j] + window < ref[i]) j++;
    if (j < est.length && est[j] - window <= ref[i]) {
      matches++;
      j++;
    }
  }
  const precision = est.length ? matches / est.length : 0;
  const recall = ref.length ? matches / ref.length : 0;
  const fMeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fMeasure, matches, reference: ref.length, estimated: est.length, toleranceMs };
}

export interface OnsetFMeasureSummary {
  /** Means of the per-pair scores. */
  meanPrecision: number;
  meanRecall: number;
  meanFMeasure: number;
  /** Scores of all matches over all onsets pooled across pairs. */
  precision: number;
  recall: number;
  fMeasure: number;
  pairs: number;
}

/** Per-pair strict scores summarised both ways: mean over pairs, and pooled over all onsets. */
export function summarizeOnsetFMeasures(scores: ReadonlyArray<OnsetFMeasure>): OnsetFMeasureSummary {
  if (scores.length === 0) {
    throw new InvalidMetricsInput('METRICS_EMPTY_SET', 'no pairs to summarise; give at least one pair');
  }
  let p = 0;
  let r = 0;
  let f = 0;
  let matches = 0;
  let references = 0;
  let estimates = 0;
  for (const s of scores) {
    p += s.precision;
    r += s.recall;
    f += s.fMeasure;
    matches += s.matches;
    references += s.reference;
    estimates += s.estimated;
  }
  const precision = estimates ? matches / estimates : 0;
  const recall = references ? matches / references : 0;
  return {
    meanPrecision: p / scores.length,
    meanRecall: r / scores.length,
    meanFMeasure: f / scores.length,
    precision,
    recall,
    fMeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    pairs: scores.length,
  };
}
