import type { DatasetSplitBy, FreezeDatasetVersionInput } from '@/graphql/generated';

/** What the freeze form sends, as typed: ratios in percent. */
export interface FreezeFields {
  splitSeed: string;
  splitBy: string;
  train: string;
  valid: string;
  test: string;
}

export const freezeDefaults: FreezeFields = {
  splitSeed: '0',
  splitBy: 'VIDEO',
  train: '90',
  valid: '5',
  test: '5',
};

const maxSeed = 4_294_967_295;

function percentShare(text: string, name: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    return `The ${name} share must be a percentage from 0 to 100.`;
  }
  return value / 100;
}

// The freeze form's fields as the API's input, or what to fix in words. Shares are typed in percent
// (90 / 5 / 5) and must add up to 100; the seed is a whole number the API accepts.
export function freezeInput(fields: FreezeFields): FreezeDatasetVersionInput | { problem: string } {
  const seed = Number(fields.splitSeed.trim());
  if (fields.splitSeed.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > maxSeed) {
    return { problem: `The split seed must be a whole number from 0 to ${maxSeed}.` };
  }
  if (!['VIDEO', 'SEGMENT', 'SOURCE'].includes(fields.splitBy)) {
    return { problem: 'Choose whether to split by video, by segment or by source split.' };
  }
  const train = percentShare(fields.train, 'train');
  const valid = percentShare(fields.valid, 'validation');
  const test = percentShare(fields.test, 'test');
  for (const share of [train, valid, test]) if (typeof share === 'string') return { problem: share };
  const ratios = { train: train as number, valid: valid as number, test: test as number };
  if (Math.abs(ratios.train + ratios.valid + ratios.test - 1) > 1e-9) {
    return { problem: 'The train, validation and test shares must add up to 100%.' };
  }
  return { splitSeed: seed, splitBy: fields.splitBy as DatasetSplitBy, ratios };
}
