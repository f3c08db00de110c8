import Link from 'next/link';
import { Field } from '@/components/field';
import type { AuditFilterParams } from '../lib/audit-filter';

// A plain GET form: the filters land in the address, so a filtered list can be linked, paged and exported,
// with or without scripts. A new filter starts from the first page (no `after` field).
export function AuditFilterForm({ filter }: { filter: AuditFilterParams }) {
  return (
    <form method="get" action="/audit" className="stack" aria-label="Filter the audit log">
      <div className="field-grid">
        <Field label="Actor" name="actor" defaultValue={filter.actor} hint="Email, API key name, or id" />
        <Field label="Action" name="action" defaultValue={filter.action} hint="e.g. dataset.created" />
        <Field label="Object type" name="objectType" defaultValue={filter.objectType} hint="e.g. api_key" />
        <Field label="From (UTC)" name="from" type="date" defaultValue={filter.from} />
        <Field label="To (UTC, included)" name="to" type="date" defaultValue={filter.to} />
      </div>
      <p>
        <button type="submit">Filter</button> <Link href="/audit">Clear filters</Link>
      </p>
    </form>
  );
}
