/** Quotas are per calendar month in UTC: the period that contains `now`, as [start, end). */
export function quotaPeriod(now: Date): { start: Date; end: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}
