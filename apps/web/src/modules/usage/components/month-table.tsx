import { DataTable } from '@/components/data-table';
import type { TenantUsageQuery } from '@/graphql/generated';
import { formatAudioSeconds } from '../lib/quota-words';

type Month = TenantUsageQuery['tenantUsage']['months'][number];

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

// Generation per month, newest first: what the quota charged (failed jobs are free) and how many jobs ran.
export function MonthTable({ months }: { months: Month[] }) {
  if (months.length === 0) return <p className="muted">No soundtracks generated yet.</p>;
  return (
    <DataTable label="Usage by month" columns={['Month', 'Audio generated', 'Jobs']}>
      {months.map((month) => (
        <tr key={month.month}>
          <td>{monthFormat.format(new Date(month.month))}</td>
          <td>{formatAudioSeconds(month.audioSeconds)}</td>
          <td>{month.jobs}</td>
        </tr>
      ))}
    </DataTable>
  );
}
