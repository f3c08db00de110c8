import { DatasetVersionStats } from '@loris/db';

/** What the statistics need to know of a segment of a version. */
export interface StatsItem {
  videoId: string;
  category: string;
  lengthSeconds: number;
  genre: string | null;
  split: string;
}

/**
 * The paper's Table-1 figures for a version: total length in hours, and the number of segments per
 * category, length, genre and split, and of source videos. Genre-less segments count under "".
 */
export function versionStats(items: readonly StatsItem[]): DatasetVersionStats {
  const tally = (key: (item: StatsItem) => string) => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  };
  const totalSeconds = items.reduce((sum, item) => sum + item.lengthSeconds, 0);
  return {
    segments: items.length,
    totalSeconds,
    totalHours: Math.round((totalSeconds / 3600) * 1000) / 1000,
    sourceVideos: new Set(items.map((item) => item.videoId)).size,
    byCategory: tally((item) => item.category),
    byLength: tally((item) => String(item.lengthSeconds)),
    byGenre: tally((item) => item.genre ?? ''),
    bySplit: tally((item) => item.split),
  };
}
