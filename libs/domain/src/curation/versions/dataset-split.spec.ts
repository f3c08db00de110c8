import { DatasetSplit, DatasetSplitBy } from '@loris/db';
import { assignSplits, checkSplitRatios, DEFAULT_SPLIT_RATIOS, SplitItem } from './dataset-split';

/** `videos` videos of `perVideo` segments each, with ids that sort in creation order. */
function corpus(videos: number, perVideo: number): SplitItem[] {
  const items: SplitItem[] = [];
  for (let v = 0; v < videos; v += 1)
    for (let s = 0; s < perVideo; s += 1)
      items.push({
        id: `seg-${String(v * perVideo + s).padStart(5, '0')}`,
        videoId: `vid-${String(v).padStart(4, '0')}`,
      });
  return items;
}

const count = (splits: Map<string, DatasetSplit>, split: DatasetSplit) =>
  [...splits.values()].filter((s) => s === split).length;

describe('assignSplits', () => {
  const items = corpus(200, 3);

  it('gives the same split for the same segments and seed, whatever order they come in', () => {
    const options = { seed: 42, by: DatasetSplitBy.SEGMENT, ratios: DEFAULT_SPLIT_RATIOS };
    const once = assignSplits(items, options);
    const again = assignSplits([...items].reverse(), options);
    expect([...again.entries()].sort()).toEqual([...once.entries()].sort());
    const other = assignSplits(items, { ...options, seed: 43 });
    expect([...other.entries()].sort()).not.toEqual([...once.entries()].sort());
  });

  it('follows 90/5/5 by segment count when splitting by segment', () => {
    const splits = assignSplits(items, { seed: 7, by: DatasetSplitBy.SEGMENT, ratios: DEFAULT_SPLIT_RATIOS });
    expect(splits.size).toBe(600);
    expect(count(splits, DatasetSplit.TRAIN)).toBe(540);
    expect(count(splits, DatasetSplit.VALID)).toBe(30);
    expect(count(splits, DatasetSplit.TEST)).toBe(30);
  });

  it('keeps every segment of a source video in one split when splitting by video', () => {
    const splits = assignSplits(items, { seed: 7, by: DatasetSplitBy.VIDEO, ratios: DEFAULT_SPLIT_RATIOS });
    const byVideo = new Map<string, Set<DatasetSplit>>();
    for (const item of items)
      byVideo.set(item.videoId, (byVideo.get(item.videoId) ?? new Set()).add(splits.get(item.id)!));
    expect([...byVideo.values()].every((set) => set.size === 1)).toBe(true);
    // 200 videos of 3 segments: 180 / 10 / 10 videos.
    expect(count(splits, DatasetSplit.TRAIN)).toBe(540);
    expect(count(splits, DatasetSplit.VALID)).toBe(30);
    expect(count(splits, DatasetSplit.TEST)).toBe(30);
  });

  it('shuffles: the test split is not simply the last ids', () => {
    const splits = assignSplits(items, { seed: 1, by: DatasetSplitBy.SEGMENT, ratios: DEFAULT_SPLIT_RATIOS });
    const lastIds = items.slice(-30).map((item) => item.id);
    expect(lastIds.filter((id) => splits.get(id) === DatasetSplit.TEST).length).toBeLessThan(10);
  });

  it('honours other ratios, an empty split included', () => {
    const splits = assignSplits(corpus(10, 1), {
      seed: 3,
      by: DatasetSplitBy.VIDEO,
      ratios: { train: 0.8, valid: 0, test: 0.2 },
    });
    expect(count(splits, DatasetSplit.TRAIN)).toBe(8);
    expect(count(splits, DatasetSplit.VALID)).toBe(0);
    expect(count(splits, DatasetSplit.TEST)).toBe(2);
  });
});

describe('checkSplitRatios', () => {
  it('accepts ratios that add up to 1 and says what is wrong with others', () => {
    expect(checkSplitRatios(DEFAULT_SPLIT_RATIOS)).toBeNull();
    expect(checkSplitRatios({ train: 0.9, valid: 0.1, test: 0.1 })).toBe(
      'ratios must add up to 1 (train + valid + test = 1.1000)',
    );
    expect(checkSplitRatios({ train: 1.2, valid: -0.1, test: -0.1 })).toBe(
      'ratios must each be between 0 and 1',
    );
  });
});
