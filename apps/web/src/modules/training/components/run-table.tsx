import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import type { TrainingRunFieldsFragment } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { formatDuration } from '../lib/run-progress';

// The workspace's runs, newest first: what it trains, how far it got, and how it ended.
export function RunTable({ runs }: { runs: TrainingRunFieldsFragment[] }) {
  if (runs.length === 0) return <p className="muted">No training runs yet.</p>;
  return (
    <DataTable label="Training runs" columns={['Run', 'Status', 'Steps', 'Config', 'Elapsed', 'Started']}>
      {runs.map((run) => (
        <tr key={run.id}>
          <td>
            <Link href={`/training/${run.id}`}>{run.modelName}</Link>
          </td>
          <td>{run.status}</td>
          <td>
            {run.lastStep} / {run.steps}
          </td>
          <td>
            {run.config.toLowerCase()} · {run.backend.toLowerCase()}
          </td>
          <td>{formatDuration(run.elapsedSeconds)}</td>
          <td className="nowrap">{formatDate(run.startedAt ?? run.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
