import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { SoundtrackJobsDocument, type SoundtrackJobStatus } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { JobStatusFilter } from '../components/job-status-filter';
import { JobTable } from '../components/job-table';
import { jobsPageHref } from '../lib/jobs-page-href';

export const soundtrackJobsPageSize = 20;

export async function SoundtrackJobsView({
  credentials,
  after,
  status,
  canGenerate,
}: {
  credentials: Credentials;
  after?: string;
  status?: SoundtrackJobStatus;
  canGenerate: boolean;
}) {
  const { data, error } = await loadQuery(
    SoundtrackJobsDocument,
    { first: soundtrackJobsPageSize, after: after ?? null, status: status ?? null },
    credentials,
  );
  const page = data?.soundtrackJobs;
  return (
    <>
      <PageHeader title="Soundtracks">
        Every soundtrack requested in this workspace, newest first.
        {canGenerate ? (
          <>
            {' '}
            <Link href="/generate">Generate a new one</Link>.
          </>
        ) : null}
      </PageHeader>
      <FormError message={error} />
      {page ? (
        <section className="card stack">
          <JobStatusFilter current={status} />
          <JobTable jobs={page.edges.map((edge) => edge.node)} canCancel={canGenerate} />
          <CursorPagination
            label="Soundtrack pages"
            after={after}
            nextCursor={page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null}
            href={(cursor) => jobsPageHref(status, cursor)}
          />
        </section>
      ) : null}
    </>
  );
}
