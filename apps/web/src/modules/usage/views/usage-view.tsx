import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { TenantUsageDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { formatDate } from '@/lib/format/format-date';
import { MonthTable } from '../components/month-table';
import { QuotaBar } from '../components/quota-bar';

export async function UsageView({ credentials }: { credentials: Credentials }) {
  const { data, error } = await loadQuery(TenantUsageDocument, {}, credentials);
  const usage = data?.tenantUsage;
  return (
    <>
      <PageHeader title="Usage">
        This workspace’s limits next to what it has used. Monthly limits renew on the 1st (UTC); the
        platform’s operators set the limits.
      </PageHeader>
      <FormError message={error} />
      {usage ? (
        <>
          <section className="card stack" aria-label="Limits">
            <h2>Limits</h2>
            <p className="muted">This month renews on {formatDate(usage.periodEnd)}.</p>
            {usage.quotas.map((quota) => (
              <QuotaBar key={quota.kind} quota={quota} />
            ))}
          </section>
          <section className="card stack" aria-label="Past months">
            <h2>By month</h2>
            <MonthTable months={usage.months} />
          </section>
        </>
      ) : null}
    </>
  );
}
