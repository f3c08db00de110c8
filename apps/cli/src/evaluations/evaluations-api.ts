// Evaluations' GraphQL as the CLI reads it: start, show, compare (the console's table, best values marked).
import type { LorisApi } from '../api/api-client';

export interface EvaluationRow {
  id: string;
  status: string;
  datasetName: string;
  datasetVersionNumber: number;
  split: string;
  sampler: string;
  steps: number;
  guidance: number;
  seeds: number[];
  scorerVersion: string;
  totalSamples: number;
  doneSamples: number;
  errorCode: string | null;
  errorMessage: string | null;
  models: { modelVersionId: string; label: string }[];
}

export interface ComparisonTable {
  columns: { key: string; label: string; higherIsBetter: boolean }[];
  rows: ({
    evaluationId: string;
    modelVersionId: string;
    label: string;
    split: string;
    samples: number;
    best: string[];
  } & Record<string, unknown>)[];
  warnings: string[];
}

const EVALUATION_FIELDS = `id status datasetName datasetVersionNumber split sampler steps guidance seeds scorerVersion
  totalSamples doneSamples errorCode errorMessage models { modelVersionId label }`;

export interface StartRequest {
  modelVersionIds: string[];
  datasetVersionId: string;
  split?: string;
  sampler?: string;
  steps?: number;
  guidance?: number;
  seeds?: number[];
}

export async function startEvaluation(api: LorisApi, input: StartRequest): Promise<EvaluationRow> {
  const { startEvaluation } = await api.graphql<{ startEvaluation: EvaluationRow }>(
    `mutation($input: StartEvaluationInput!) { startEvaluation(input: $input) { ${EVALUATION_FIELDS} } }`,
    { input },
  );
  return startEvaluation;
}

export async function getEvaluation(api: LorisApi, id: string): Promise<EvaluationRow> {
  const { evaluation } = await api.graphql<{ evaluation: EvaluationRow }>(
    `query($id: ID!) { evaluation(id: $id) { ${EVALUATION_FIELDS} } }`,
    { id },
  );
  return evaluation;
}

export async function compareEvaluations(api: LorisApi, ids: string[]): Promise<ComparisonTable> {
  const { evaluationComparison } = await api.graphql<{ evaluationComparison: ComparisonTable }>(
    `query($ids: [ID!]!) { evaluationComparison(ids: $ids) {
       columns { key label higherIsBetter }
       rows { evaluationId modelVersionId label split samples bcs csd bhs hsd f1 onsetF rhythmF best }
       warnings } }`,
    { ids },
  );
  return evaluationComparison;
}

/** The comparison's CSV as the API's route writes it (the console's download): the same bytes. */
export async function comparisonCsv(api: LorisApi, ids: string[]): Promise<string> {
  return (
    await api.read(`/v1/evaluations/compare.csv?ids=${ids.map(encodeURIComponent).join(',')}`)
  ).toString('utf8');
}

/** The table as the console shows it: rows are versions, scores x100, the best of each column starred. */
export function comparisonText(table: ComparisonTable): { headers: string[]; rows: string[][] } {
  const headers = [
    'evaluation',
    'model',
    'samples',
    ...table.columns.map((c) => `${c.label}${c.higherIsBetter ? '↑' : '↓'}`),
  ];
  const rows = table.rows.map((row) => [
    row.evaluationId.slice(0, 8),
    row.label,
    String(row.samples),
    ...table.columns.map((c) => {
      const value = row[c.key] as number | null;
      return value === null ? '-' : `${value.toFixed(1)}${row.best.includes(c.key) ? '*' : ''}`;
    }),
  ]);
  return { headers, rows };
}
