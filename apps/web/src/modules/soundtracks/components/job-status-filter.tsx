import Link from 'next/link';
import type { SoundtrackJobStatus } from '@/graphql/generated';
import { statusLabels } from '../lib/job-status';
import { jobsPageHref } from '../lib/jobs-page-href';

// Plain links, so the filter works without scripts and each filtered list has an address of its own.
export function JobStatusFilter({ current }: { current?: SoundtrackJobStatus }) {
  const choices: [SoundtrackJobStatus | undefined, string][] = [
    [undefined, 'All'],
    ...(Object.entries(statusLabels) as [SoundtrackJobStatus, string][]),
  ];
  return (
    <nav className="filter" aria-label="Filter by status">
      {choices.map(([status, label]) => (
        <Link
          key={label}
          href={jobsPageHref(status)}
          className="filter-link"
          aria-current={status === current ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
