import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import type { EvaluationComparisonQuery } from '@/graphql/generated';
import { mosText } from '@/modules/ratings/lib/campaign-form';
import { score } from '../lib/evaluation-form';

type Comparison = EvaluationComparisonQuery['evaluationComparison'];
type ColumnKey = 'bcs' | 'csd' | 'bhs' | 'hsd' | 'f1' | 'onsetF' | 'rhythmF';

// The paper's tables 2-4: one row per version of each evaluation, scores x100, each column's best in bold
// with a mark (and said in words to screen readers), its direction in the header. When a rating campaign
// (open or closed) rates some of the versions, a last column gives each one's MOS ± 95% CI from it.
export function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const columns = comparison.columns;
  const rated = comparison.rows.some((row) => row.mosCampaignId);
  return (
    <DataTable
      label="Comparison"
      columns={[
        'Model version',
        'Split',
        'Samples',
        ...columns.map((c) => `${c.label} ${c.higherIsBetter ? '↑' : '↓'}`),
        ...(rated ? ['MOS ↑'] : []),
      ]}
    >
      {comparison.rows.map((row) => (
        <tr key={`${row.evaluationId}/${row.modelVersionId}`} data-version={row.modelVersionId}>
          <th scope="row">{row.label}</th>
          <td>{row.split}</td>
          <td>{row.samples}</td>
          {columns.map((column) => {
            const best = row.best.includes(column.key);
            const value = row[column.key as ColumnKey];
            return (
              <td key={column.key} data-column={column.key} data-best={best ? 'true' : undefined}>
                {best ? (
                  <strong>
                    {score(value)}
                    <span aria-hidden="true"> ★</span>
                    <span className="visually-hidden"> (best)</span>
                  </strong>
                ) : (
                  score(value)
                )}
              </td>
            );
          })}
          {rated ? (
            <td data-column="mos">
              {row.mosCampaignId ? (
                <Link
                  href={`/ratings/${row.mosCampaignId}`}
                  title={`${row.mosCampaignName ?? 'Rating campaign'}: ${row.mosVotes ?? 0} votes`}
                >
                  {mosText(row.mos, row.mosCi95)}
                </Link>
              ) : (
                '–'
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
