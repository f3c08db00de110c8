import type { DatasetCategory, SegmentFilterInput, SegmentReviewStatus } from '@/graphql/generated';

/** The review page's filters as its address carries them (`?status=PENDING&length=25`). */
export interface SegmentFilterParams {
  status?: string;
  genre?: string;
  length?: string;
  category?: string;
  flag?: string;
}

export const filterNames = ['status', 'genre', 'length', 'category', 'flag'] as const;

const statuses: readonly SegmentReviewStatus[] = ['PENDING', 'ACCEPTED', 'REJECTED'];
const categories: readonly DatasetCategory[] = ['DANCE', 'FLOOR_EXERCISE', 'FIGURE_SKATING'];
const lengths = ['25', '50'];

// The API's filter from the address. A value the API would refuse (a hand-edited address) is left out
// rather than turned into an error page: the list then shows more, never a wrong subset.
export function segmentFilter(params: SegmentFilterParams): SegmentFilterInput {
  const filter: SegmentFilterInput = {};
  if (statuses.includes(params.status as SegmentReviewStatus))
    filter.status = params.status as SegmentReviewStatus;
  if (categories.includes(params.category as DatasetCategory))
    filter.category = params.category as DatasetCategory;
  if (params.length && lengths.includes(params.length)) filter.length = Number(params.length);
  if (params.genre) filter.genre = params.genre;
  if (params.flag) filter.flag = params.flag;
  return filter;
}

/** The review page's address for these filters and a page cursor (none: the first page). */
export function reviewHref(datasetId: string, params: SegmentFilterParams, after?: string): string {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = params[name];
    if (value) query.set(name, value);
  }
  if (after) query.set('after', after);
  const search = query.toString();
  return `/datasets/${datasetId}/review${search ? `?${search}` : ''}`;
}
