import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import type { DatasetsQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { categoryLabels } from './category-labels';

type DatasetRow = DatasetsQuery['datasets']['edges'][number]['node'];

export function DatasetTable({ datasets }: { datasets: DatasetRow[] }) {
  if (datasets.length === 0) {
    return <p className="muted">No datasets yet. Create the first one with the form.</p>;
  }
  return (
    <DataTable label="Datasets" columns={['Name', 'Category', 'Description', 'Created']}>
      {datasets.map((dataset) => (
        <tr key={dataset.id}>
          <td>
            <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link>
          </td>
          <td>{categoryLabels[dataset.category]}</td>
          <td className="muted">{dataset.description || '—'}</td>
          <td className="nowrap">{formatDate(dataset.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
