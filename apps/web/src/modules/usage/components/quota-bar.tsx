import type { TenantUsageQuery } from '@/graphql/generated';
import { percentUsed, quotaLabels, usageSentence } from '../lib/quota-words';
import styles from './quota-bar.module.css';

type Quota = TenantUsageQuery['tenantUsage']['quotas'][number];

// One limit as a bar: a <meter> (the browser colours it as it fills: high from 80%), with the same figures
// in words beside it, and whether the limit is the workspace's own or the platform's default.
export function QuotaBar({ quota }: { quota: Quota }) {
  const label = quotaLabels[quota.kind];
  const percent = percentUsed(quota.used, quota.limit);
  const id = `quota-${quota.kind.toLowerCase()}`;
  return (
    <div className={styles.quota} role="group" aria-labelledby={`${id}-label`} data-quota={quota.kind}>
      <div className={styles.heading}>
        <span id={`${id}-label`}>
          <strong>{label}</strong>
          {quota.custom ? <span className="muted"> · this workspace’s own limit</span> : null}
        </span>
        <span className={percent >= 100 ? styles.full : undefined}>
          {usageSentence(quota.kind, quota.used, quota.limit)}
        </span>
      </div>
      <meter
        className={styles.meter}
        aria-labelledby={`${id}-label`}
        min={0}
        max={Math.max(quota.limit, 1)}
        value={Math.min(quota.used, Math.max(quota.limit, 1))}
        low={Math.max(quota.limit, 1) * 0.5}
        high={Math.max(quota.limit, 1) * 0.8}
        optimum={0}
      />
    </div>
  );
}
