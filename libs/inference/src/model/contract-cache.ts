// model.json parsed once per process per model version. A job used to parse the card three times (the
// API, the generation thread's start, loadModel); now each reads the bytes, which are small, and gets the
// parse of the first. The key is the sha256 of model.json's bytes: the card lists every ONNX file's
// sha256, so it names the files too, and a model replaced in place is picked up at the next read.
import { createHash } from 'node:crypto';
import type { ModelContract } from './model-contract';
import { parseContractBytes, readContractBytes } from './read-contract';

/** A model directory's card as read now: the sha256 of model.json's bytes and its (shared) parse. */
export interface ModelCard {
  sha256: string;
  contract: ModelContract;
}

// A process sees a handful of model versions; the bound only keeps a model replaced over and over from
// growing the map without end.
const MAX_CACHED = 16;
const cache = new Map<string, ModelContract>();

/** Freezes the parse that every caller shares, so no caller can change another's card. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function remember(sha256: string, contract: ModelContract): ModelContract {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(sha256, deepFreeze(contract));
  return contract;
}

/**
 * The card of the model now in `dir`, parsed at most once per version: the same frozen ModelContract for
 * the same model.json bytes, in any directory. Throws as readContract does (a card that fails is not
 * cached, so a fixed one is read afresh).
 */
export async function readModelCard(dir: string): Promise<ModelCard> {
  const bytes = await readContractBytes(dir);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const contract = cache.get(sha256) ?? remember(sha256, parseContractBytes(bytes));
  return { sha256, contract };
}

/** readContract with the cache: the card of the model now in `dir` (frozen, shared by every caller). */
export async function readContractCached(dir: string): Promise<ModelContract> {
  return (await readModelCard(dir)).contract;
}
