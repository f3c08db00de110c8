import { InvalidMetricsInput } from './metrics.errors';
import { studentTQuantile } from './student-t';

export interface MosStatistics {
  n: number;
  mean: number;
  /** Sample standard deviation (ddof 1); null for a single rating. */
  std: number | null;
  confidence: number;
  /** mean -+ t(1 - (1 - confidence) / 2, n - 1) x std / sqrt(n); null for a single rating. */
  interval: [number, number] | null;
  halfWidth: number | null;
}

/**
 * Mean opinion score of a set of 1-5 ratings (paper appendix B.3) with a Student t confidence
 * interval for the mean (default 95%).
 */
export function mosStatistics(ratings: ArrayLike<number>, confidence = 0.95): MosStatistics {
  if (!(confidence > 0 && confidence < 1)) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_CONFIDENCE',
      `confidence must be in (0, 1), got ${confidence}`,
    );
  }
  const n = ratings.length;
  if (n === 0) throw new InvalidMetricsInput('METRICS_EMPTY_SET', 'no ratings to summarise');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ratings[i]) || ratings[i] < 1 || ratings[i] > 5) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_RATING',
        `ratings[${i}] is ${ratings[i]}; ratings are 1 to 5`,
      );
    }
    sum += ratings[i];
  }
  const mean = sum / n;
  if (n < 2) return { n, mean, std: null, confidence, interval: null, halfWidth: null };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (ratings[i] - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  const halfWidth = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * std) / Math.sqrt(n);
  return { n, mean, std, confidence, interval: [mean - halfWidth, mean + halfWidth], halfWidth };
}
