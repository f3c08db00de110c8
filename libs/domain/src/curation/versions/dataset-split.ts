import { DatasetSplit, DatasetSplitBy } from '@loris/db';
import { SeededRandom } from '@loris/synth';

export interface SplitRatios {
  train: number;
  valid: number;
  test: number;
}

/** The paper's 90/5/5 (section 4.1). */
export const DEFAULT_SPLIT_RATIOS: SplitRatios = { train: 0.9, valid: 0.05, test: 0.05 };

export interface SplitOptions {
  seed: number;
  by: DatasetSplitBy;
  ratios: SplitRatios;
}

/** What the split needs to know of a segment. */
export interface SplitItem {
  id: string;
  videoId: string;
}

const SPLITS = [DatasetSplit.TRAIN, DatasetSplit.VALID, DatasetSplit.TEST] as const;

/**
 * Assigns each segment a split, deterministically: the same segments (in any order) and the same seed
 * give the same answer on every machine. Units (segments, or whole source videos with SplitBy.VIDEO, so
 * that no video sits in two splits) are sorted by id, shuffled with the seed (sfc32 from libs/synth), and
 * dealt out in that order: a unit goes to the split whose share of the segments its middle falls in, so
 * the splits follow the ratios by segment count as closely as whole units allow.
 */
export function assignSplits(items: readonly SplitItem[], options: SplitOptions): Map<string, DatasetSplit> {
  const units = new Map<string, string[]>();
  for (const item of items) {
    const key = options.by === DatasetSplitBy.VIDEO ? item.videoId : item.id;
    const unit = units.get(key);
    if (unit) unit.push(item.id);
    else units.set(key, [item.id]);
  }
  const order = new SeededRandom(options.seed, 'dataset-split').shuffle([...units.keys()].sort());
  const bounds = cumulative(options.ratios);
  const total = items.length;
  const splits = new Map<string, DatasetSplit>();
  let dealt = 0;
  for (const key of order) {
    const ids = units.get(key)!;
    const middle = (dealt + ids.length / 2) / total;
    const split = SPLITS[bounds.findIndex((bound) => middle < bound)] ?? DatasetSplit.TEST;
    for (const id of ids) splits.set(id, split);
    dealt += ids.length;
  }
  return splits;
}

/** Upper bounds of train, valid and test on [0, 1]. */
function cumulative(ratios: SplitRatios): number[] {
  return [ratios.train, ratios.train + ratios.valid, 1 + Number.EPSILON];
}

/** A sentence saying what is wrong with the ratios, or null when they are usable. */
export function checkSplitRatios(ratios: SplitRatios): string | null {
  const values = [ratios.train, ratios.valid, ratios.test];
  if (values.some((v) => !Number.isFinite(v) || v < 0 || v > 1)) return 'ratios must each be between 0 and 1';
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) return `ratios must add up to 1 (train + valid + test = ${sum.toFixed(4)})`;
  return null;
}
