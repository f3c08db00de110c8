import type { Metadata } from 'next';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { auditFilterNames, readAuditFilter } from '@/modules/audit/lib/audit-filter';
import { AuditLogView } from '@/modules/audit/views/audit-log-view';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const given = new Map<string, string | undefined>();
  for (const name of auditFilterNames) given.set(name, await singleParam(searchParams, name));
  return (
    <AuditLogView
      credentials={credentials}
      filter={readAuditFilter((name) => given.get(name))}
      after={await singleParam(searchParams, 'after')}
    />
  );
}
