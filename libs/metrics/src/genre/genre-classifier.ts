// A small genre classifier: standardised features and multinomial logistic regression with an L2
// penalty, fitted by full-batch accelerated gradient descent from zero weights. Nothing in it is random,
// so the same examples give the same classifier on every run, and a few hundred examples of a hundred
// features train in about a second.
import { InvalidMetricsInput } from '../metrics.errors';

export interface GenreClassifierOptions {
  /** L2 penalty on the weights, not the biases (default 0.01). */
  l2?: number;
  /** Gradient steps (default 800). */
  iterations?: number;
}

export interface GenrePrediction {
  /** Index into the classifier's labels. */
  index: number;
  label: string;
  /** One per label, summing to 1. */
  probabilities: Float64Array;
}

export interface GenreClassifier {
  labels: readonly string[];
  /** Features the classifier takes. */
  dims: number;
  /** Mean training loss (cross-entropy plus the penalty) when fitting stopped. */
  loss: number;
  /** Mean of the training features (what standardisation subtracts). */
  featureMean: Float64Array;
  predict(features: ArrayLike<number>): GenrePrediction;
}

function checkExamples(
  features: readonly ArrayLike<number>[],
  targets: readonly number[],
  classes: number,
): number {
  if (features.length === 0 || features.length !== targets.length) {
    throw new InvalidMetricsInput(
      'METRICS_EMPTY_SET',
      `a classifier needs examples with one label each; got ${features.length} examples and ${targets.length} labels`,
    );
  }
  const dims = features[0].length;
  features.forEach((row, i) => {
    if (row.length !== dims) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_SAMPLE_COUNT',
        `example ${i} has ${row.length} features, example 0 has ${dims}`,
      );
    }
    for (let j = 0; j < dims; j++) {
      if (!Number.isFinite(row[j])) {
        throw new InvalidMetricsInput('METRICS_BAD_SAMPLE_COUNT', `example ${i} feature ${j} is ${row[j]}`);
      }
    }
  });
  targets.forEach((target, i) => {
    if (!Number.isInteger(target) || target < 0 || target >= classes) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_SAMPLE_COUNT',
        `label ${i} is ${target}, not an index below ${classes}`,
      );
    }
  });
  return dims;
}

/** Softmax of `scores`, in place. */
function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k] - max);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
  return scores;
}

/** Row-major [classes][dims + 1] weights (the last column is the bias) applied to one standardised row. */
function scoresOf(
  weights: Float64Array,
  row: Float64Array,
  classes: number,
  out: Float64Array,
): Float64Array {
  const width = row.length + 1;
  for (let k = 0; k < classes; k++) {
    let s = weights[k * width + row.length];
    for (let j = 0; j < row.length; j++) s += weights[k * width + j] * row[j];
    out[k] = s;
  }
  return out;
}

/**
 * The largest eigenvalue of X'X / n for the standardised rows with a bias column (power iteration from
 * a vector of ones): with Böhning's bound on the softmax Hessian, half of it plus the penalty is a step
 * size for which gradient descent cannot diverge.
 */
function gramNorm(rows: readonly Float64Array[]): number {
  const width = rows[0].length + 1;
  let v = new Float64Array(width).fill(1 / Math.sqrt(width));
  let value = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = new Float64Array(width);
    for (const row of rows) {
      let dot = v[width - 1];
      for (let j = 0; j < row.length; j++) dot += row[j] * v[j];
      for (let j = 0; j < row.length; j++) next[j] += dot * row[j];
      next[width - 1] += dot;
    }
    const norm = Math.hypot(...next) / rows.length;
    if (norm === 0) return 0;
    for (let j = 0; j < width; j++) next[j] /= norm * rows.length;
    const converged = Math.abs(norm - value) <= 1e-9 * norm;
    value = norm;
    v = next;
    if (converged) break;
  }
  return value;
}

/**
 * Fits the classifier to `features[i]` labelled `labels[targets[i]]`. Features are standardised with the
 * training mean and standard deviation (a constant feature is left at 0).
 */
export function trainGenreClassifier(
  features: readonly ArrayLike<number>[],
  targets: readonly number[],
  labels: readonly string[],
  options: GenreClassifierOptions = {},
): GenreClassifier {
  const classes = labels.length;
  if (classes < 2) throw new InvalidMetricsInput('METRICS_EMPTY_SET', 'a classifier needs at least 2 labels');
  const dims = checkExamples(features, targets, classes);
  const l2 = options.l2 ?? 0.01;
  const iterations = options.iterations ?? 800;
  const n = features.length;

  const mean = new Float64Array(dims);
  const scale = new Float64Array(dims);
  for (const row of features) for (let j = 0; j < dims; j++) mean[j] += row[j] / n;
  for (const row of features) for (let j = 0; j < dims; j++) scale[j] += (row[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < dims; j++) scale[j] = scale[j] > 1e-24 ? 1 / Math.sqrt(scale[j]) : 0;
  const standardise = (row: ArrayLike<number>): Float64Array =>
    Float64Array.from({ length: dims }, (_, j) => (row[j] - mean[j]) * scale[j]);
  const rows = features.map(standardise);

  const width = dims + 1;
  const step = 1 / (0.5 * gramNorm(rows) + l2);
  let weights = new Float64Array(classes * width);
  let previous = new Float64Array(classes * width);
  const probabilities = new Float64Array(classes);
  const gradient = new Float64Array(classes * width);
  let loss = Infinity;
  // Nesterov's accelerated gradient on a smooth convex loss: evaluate at the extrapolated point.
  for (let iteration = 1; iteration <= iterations; iteration++) {
    const momentum = (iteration - 1) / (iteration + 2);
    const at = weights.map((w, i) => w + momentum * (w - previous[i]));
    gradient.fill(0);
    loss = 0;
    rows.forEach((row, i) => {
      softmaxInPlace(scoresOf(at, row, classes, probabilities));
      loss -= Math.log(probabilities[targets[i]] + 1e-300) / n;
      for (let k = 0; k < classes; k++) {
        const error = (probabilities[k] - (k === targets[i] ? 1 : 0)) / n;
        for (let j = 0; j < dims; j++) gradient[k * width + j] += error * row[j];
        gradient[k * width + dims] += error;
      }
    });
    for (let k = 0; k < classes; k++) {
      for (let j = 0; j < dims; j++) {
        gradient[k * width + j] += l2 * at[k * width + j];
        loss += 0.5 * l2 * at[k * width + j] ** 2;
      }
    }
    previous = weights;
    weights = at.map((w, i) => w - step * gradient[i]);
  }

  const fitted = weights;
  return {
    labels: [...labels],
    dims,
    loss,
    featureMean: Float64Array.from(mean),
    predict(row: ArrayLike<number>): GenrePrediction {
      if (row.length !== dims) {
        throw new InvalidMetricsInput(
          'METRICS_BAD_SAMPLE_COUNT',
          `the classifier takes ${dims} features, got ${row.length}`,
        );
      }
      const p = softmaxInPlace(scoresOf(fitted, standardise(row), classes, new Float64Array(classes)));
      let index = 0;
      for (let k = 1; k < classes; k++) if (p[k] > p[index]) index = k;
      return { index, label: labels[index], probabilities: p };
    },
  };
}
