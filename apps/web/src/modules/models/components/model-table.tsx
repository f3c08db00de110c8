import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import type { ModelsQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { modelsHref } from '../lib/models-page';

type ModelRow = ModelsQuery['models']['edges'][number]['node'];

// The models; a name opens its versions below (the one shown is marked as the current one).
export function ModelTable({ models, shownId }: { models: ModelRow[]; shownId?: string }) {
  return (
    <DataTable label="Models" columns={['Name', 'Versions', 'Created']}>
      {models.map((model) => (
        <tr key={model.id}>
          <td>
            <Link href={modelsHref({ model: model.id })} aria-current={model.id === shownId ? 'true' : undefined}>
              {model.name}
            </Link>
            {model.builtIn ? <span className="muted"> (built-in, read-only)</span> : null}
          </td>
          <td>{model.versionCount}</td>
          <td className="nowrap">{model.builtIn ? '—' : formatDate(model.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
