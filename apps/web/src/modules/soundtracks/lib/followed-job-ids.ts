// The jobs a list page asks to follow live: `?id=` repeated, one per unfinished row. The list shows at most
// a page of jobs, so more than that is a malformed request rather than something to serve.
export const maxFollowedJobs = 20;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FollowedJobIds = { ids: string[] } | { problem: string };

export function followedJobIds(params: URLSearchParams): FollowedJobIds {
  const ids = [...new Set(params.getAll('id'))];
  if (ids.length === 0) return { problem: 'Name at least one job to follow, as ?id=<job id>.' };
  if (ids.length > maxFollowedJobs) {
    return { problem: `Follow at most ${maxFollowedJobs} jobs at once; ${ids.length} were asked for.` };
  }
  const bad = ids.find((id) => !uuid.test(id));
  if (bad !== undefined) return { problem: `"${bad.slice(0, 40)}" is not a job id.` };
  return { ids };
}

// The list page's stream URL for its unfinished rows (null when every row has finished).
export function followedJobsHref(ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const params = new URLSearchParams(ids.map((id) => ['id', id]));
  return `/soundtracks/events?${params}`;
}
