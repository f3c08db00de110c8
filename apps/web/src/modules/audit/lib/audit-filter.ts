import type { AuditEventFilterInput } from '@/graphql/generated';

// The audit page's filters as they travel in its address (and the export's): text as typed, and whole
// days (YYYY-MM-DD, UTC like every date the console shows) for the time range, both ends included.
export interface AuditFilterParams {
  actor?: string;
  action?: string;
  objectType?: string;
  from?: string;
  to?: string;
}

export const auditFilterNames = ['actor', 'action', 'objectType', 'from', 'to'] as const;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of an address; a day that is not a real YYYY-MM-DD date is dropped rather than sent. */
export function readAuditFilter(get: (name: string) => string | undefined): AuditFilterParams {
  const params: AuditFilterParams = {};
  for (const name of auditFilterNames) {
    const value = get(name)?.trim();
    if (!value) continue;
    if ((name === 'from' || name === 'to') && !startOfDay(value)) continue;
    params[name] = value;
  }
  return params;
}

/** What the API's auditEvents takes: `to` becomes the start of the next day, since the API's end excludes. */
export function toApiFilter(params: AuditFilterParams): AuditEventFilterInput {
  const to = params.to ? startOfDay(params.to) : null;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  return {
    actor: params.actor ?? null,
    action: params.action ?? null,
    objectType: params.objectType ?? null,
    from: params.from ? (startOfDay(params.from)?.toISOString() ?? null) : null,
    to: to?.toISOString() ?? null,
  };
}

/** The address of the page (or the export) for these filters, from the page after `cursor` when given. */
export function auditHref(
  path: '/audit' | '/audit/export',
  params: AuditFilterParams,
  cursor?: string,
): string {
  const query = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = params[name];
    if (value) query.set(name, value);
  }
  if (cursor) query.set('after', cursor);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function startOfDay(day: string): Date | null {
  if (!dayPattern.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  // 2024-02-30 parses as a date in March: only a day that prints back the same is real.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? date : null;
}
