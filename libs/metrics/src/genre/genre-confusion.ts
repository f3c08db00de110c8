import { InvalidMetricsInput } from '../metrics.errors';

export interface GenreConfusion {
  /** counts[requested][predicted]. */
  counts: number[][];
  /** Share of each requested class predicted as itself (null for a class never requested). */
  perClass: (number | null)[];
  /** Share of all outputs predicted as requested. */
  accuracy: number;
  /** 1 / classes: the accuracy of a guess. */
  chance: number;
  total: number;
}

/** The confusion table of (requested, predicted) class indices below `classes`. */
export function genreConfusion(
  classes: number,
  requested: readonly number[],
  predicted: readonly number[],
): GenreConfusion {
  if (requested.length === 0 || requested.length !== predicted.length) {
    throw new InvalidMetricsInput(
      'METRICS_EMPTY_SET',
      `a confusion table needs one prediction per request; got ${requested.length} and ${predicted.length}`,
    );
  }
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  requested.forEach((r, i) => {
    const p = predicted[i];
    if (!(Number.isInteger(r) && Number.isInteger(p) && r >= 0 && p >= 0 && r < classes && p < classes)) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_SAMPLE_COUNT',
        `pair ${i} (${r}, ${p}) is not two indices below ${classes}`,
      );
    }
    counts[r][p]++;
  });
  let correct = 0;
  const perClass = counts.map((row, k) => {
    const total = row.reduce((a, b) => a + b, 0);
    correct += row[k];
    return total ? row[k] / total : null;
  });
  return {
    counts,
    perClass,
    accuracy: correct / requested.length,
    chance: 1 / classes,
    total: requested.length,
  };
}
