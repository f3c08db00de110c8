import { EvaluationScores } from './evaluation-summary';

/** A column of the paper's tables 2-4: which score, and whether higher is better. */
export interface ComparisonColumn {
  key: ComparisonColumnKey;
  label: string;
  higherIsBetter: boolean;
}

export type ComparisonColumnKey = 'bcs' | 'csd' | 'bhs' | 'hsd' | 'f1' | 'onsetF' | 'rhythmF';

/** BCS up, CSD down, BHS up, HSD down, F1 up, then the strict F-measures (up). */
export const COMPARISON_COLUMNS: readonly ComparisonColumn[] = [
  { key: 'bcs', label: 'BCS', higherIsBetter: true },
  { key: 'csd', label: 'CSD', higherIsBetter: false },
  { key: 'bhs', label: 'BHS', higherIsBetter: true },
  { key: 'hsd', label: 'HSD', higherIsBetter: false },
  { key: 'f1', label: 'F1', higherIsBetter: true },
  { key: 'onsetF', label: 'Strict F', higherIsBetter: true },
  { key: 'rhythmF', label: 'Strict F (rhythm)', higherIsBetter: true },
];

/** One row before ranking: a version in an evaluation, with its scores as fractions. */
export interface ComparisonInput {
  evaluationId: string;
  modelVersionId: string;
  /** The model's name and the card's name@version, e.g. "default (loris-tiny@0.1.0)". */
  label: string;
  datasetVersionId: string;
  split: string;
  scorerVersion: string;
  scores: EvaluationScores;
}

/** A row of the table: scores x100 as the paper prints them, and the columns where it is the best. */
export interface ComparisonRow extends Omit<ComparisonInput, 'scores'> {
  samples: number;
  values: Record<ComparisonColumnKey, number | null>;
  best: ComparisonColumnKey[];
}

export interface Comparison {
  columns: readonly ComparisonColumn[];
  rows: ComparisonRow[];
  /** Why some rows should not be read against each other (other split, data or scorer). */
  warnings: string[];
}

// Scores are stored as real/double; values closer than this are a tie (every tied row is marked).
const TIE = 1e-9;

/**
 * The paper-table rows of the given versions, each column's best marked, honouring its direction. A column
 * with no value in any row (CSD of single samples) marks nothing; a tie marks every row that has it.
 */
export function compareEvaluations(inputs: readonly ComparisonInput[]): Comparison {
  const rows: ComparisonRow[] = inputs.map(({ scores, ...row }) => ({
    ...row,
    samples: scores.samples,
    values: Object.fromEntries(
      COMPARISON_COLUMNS.map(({ key }) => [key, scores[key] === null ? null : scores[key] * 100]),
    ) as Record<ComparisonColumnKey, number | null>,
    best: [],
  }));
  for (const column of COMPARISON_COLUMNS) {
    const present = rows.map((row) => row.values[column.key]).filter((v): v is number => v !== null);
    if (present.length === 0) continue;
    const best = column.higherIsBetter ? Math.max(...present) : Math.min(...present);
    for (const row of rows) {
      const value = row.values[column.key];
      if (value !== null && Math.abs(value - best) <= TIE) row.best.push(column.key);
    }
  }
  return { columns: COMPARISON_COLUMNS, rows, warnings: warningsOf(inputs) };
}

function warningsOf(inputs: readonly ComparisonInput[]): string[] {
  const warnings: string[] = [];
  const distinct = (of: (input: ComparisonInput) => string) => new Set(inputs.map(of)).size > 1;
  if (distinct((i) => `${i.datasetVersionId}/${i.split}`)) {
    warnings.push('The rows were scored on different dataset versions or splits');
  }
  if (distinct((i) => i.scorerVersion)) {
    warnings.push('The rows were scored by different scorer versions; their scores are not comparable');
  }
  return warnings;
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? value.toFixed(4) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The comparison as CSV: one line per row, scores x100, and which columns it is the best in. */
export function comparisonCsv(comparison: Comparison): string {
  const header = [
    'evaluation_id',
    'model_version_id',
    'model',
    'dataset_version_id',
    'split',
    'scorer_version',
    'samples',
    ...comparison.columns.map((c) => `${c.label} (${c.higherIsBetter ? 'higher' : 'lower'} is better)`),
    'best',
  ];
  const lines = comparison.rows.map((row) =>
    [
      row.evaluationId,
      row.modelVersionId,
      row.label,
      row.datasetVersionId,
      row.split,
      row.scorerVersion,
      String(row.samples),
      ...comparison.columns.map((c) => row.values[c.key]),
      comparison.columns
        .filter((c) => row.best.includes(c.key))
        .map((c) => c.label)
        .join(' '),
    ]
      .map(csvField)
      .join(','),
  );
  return [header.map(csvField).join(','), ...lines].join('\r\n') + '\r\n';
}
