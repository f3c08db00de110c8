// The videos a dataset page follows live: `?id=` repeated, one per video still queued or ingesting. The page
// shows at most 100 videos, so more than that is a malformed request rather than something to serve.
export const maxFollowedVideos = 100;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FollowedVideoIds = { ids: string[] } | { problem: string };

export function followedVideoIds(params: URLSearchParams): FollowedVideoIds {
  const ids = [...new Set(params.getAll('id'))];
  if (ids.length === 0) return { problem: 'Name at least one video to follow, as ?id=<video id>.' };
  if (ids.length > maxFollowedVideos) {
    return { problem: `Follow at most ${maxFollowedVideos} videos at once; ${ids.length} were asked for.` };
  }
  const bad = ids.find((id) => !uuid.test(id));
  if (bad !== undefined) return { problem: `"${bad.slice(0, 40)}" is not a video id.` };
  return { ids };
}

/** The dataset page's stream URL for its unfinished videos (null when every video has finished). */
export function followedVideosHref(datasetId: string, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const params = new URLSearchParams(ids.map((id) => ['id', id]));
  return `/datasets/${datasetId}/events?${params}`;
}
