import { CursorPagination } from '@/components/cursor-pagination';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { AuditEventsDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { AuditEventTable } from '../components/audit-event-table';
import { AuditFilterForm } from '../components/audit-filter-form';
import { type AuditFilterParams, auditHref, toApiFilter } from '../lib/audit-filter';

export const auditPageSize = 25;

export async function AuditLogView({
  credentials,
  filter,
  after,
}: {
  credentials: Credentials;
  filter: AuditFilterParams;
  after?: string;
}) {
  const { data, error } = await loadQuery(
    AuditEventsDocument,
    { filter: toApiFilter(filter), first: auditPageSize, after: after ?? null },
    credentials,
  );
  const page = data?.auditEvents;
  return (
    <>
      <PageHeader title="Audit log">
        Every change made in this workspace, newest first: who made it, to what, and the request it came with.
        Events cannot be edited or deleted.
      </PageHeader>
      <FormError message={error} />
      {page ? (
        <section className="card stack">
          <AuditFilterForm filter={filter} />
          <p>
            <a href={auditHref('/audit/export', filter)} download>
              Download these events as CSV
            </a>
          </p>
          <AuditEventTable events={page.edges.map((edge) => edge.node)} />
          <CursorPagination
            label="Audit log pages"
            after={after}
            nextCursor={page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null}
            href={(cursor) => auditHref('/audit', filter, cursor)}
          />
        </section>
      ) : null}
    </>
  );
}
