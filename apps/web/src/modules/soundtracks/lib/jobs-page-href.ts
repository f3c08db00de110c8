import type { SoundtrackJobStatus } from '@/graphql/generated';

// The address of one page of the jobs list: the status filter survives paging, and a new filter starts
// again from the first page.
export function jobsPageHref(status?: SoundtrackJobStatus, cursor?: string): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (cursor) query.set('after', cursor);
  const text = query.toString();
  return text ? `/soundtracks?${text}` : '/soundtracks';
}
