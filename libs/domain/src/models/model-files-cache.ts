// A registry version's files on the worker's disk, fetched from the blob store by sha256 into
// `<root>/<version id>/` on first use. Each file is hashed as it is written and the folder appears only
// whole (written beside, then renamed), so a crash mid-fetch leaves no folder that looks complete;
// loadModel verifies the ONNX files' sha256 again when it loads them.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelVersionFile } from '@loris/db';
import type { BlobStore } from '@loris/storage';
import { pruneModelCache, touchCachedFolder } from './model-cache-pruning';

export interface CachedVersion {
  id: string;
  files: readonly ModelVersionFile[];
}

/** Thrown when a blob's bytes are not the ones the version lists: the store is corrupt. */
export class ModelBlobMismatchError extends Error {
  readonly code = 'MODEL_CHECKSUM';
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fetchFile(store: BlobStore, file: ModelVersionFile, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(await store.createReadStream(file.sha256), hashing, createWriteStream(path));
  const sha256 = hash.digest('hex');
  if (sha256 !== file.sha256 || bytes !== file.bytes) {
    throw new ModelBlobMismatchError(
      `${file.name}: the blob store gave ${bytes} bytes with sha256 ${sha256}, the version lists ${file.bytes} bytes with ${file.sha256}`,
    );
  }
}

const inflight = new Map<string, Promise<string>>();

/**
 * The folder of `version` under `root`, fetched now if it is not there yet; concurrent callers share one
 * fetch. After a fetch the cache is pruned to `maxBytes` (least recently used first, never a folder in use).
 */
export function cachedModelDir(
  store: BlobStore,
  root: string,
  version: CachedVersion,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<string> {
  const dir = resolve(root, version.id);
  let pending = inflight.get(dir);
  if (!pending) {
    pending = materialize(store, dir, version)
      .then(async ({ fetched }) => {
        if (fetched && Number.isFinite(maxBytes)) {
          const busy = new Set([...inflight.keys()].map((path) => basename(path)));
          await pruneModelCache(root, maxBytes, busy.add(version.id));
        }
        return dir;
      })
      .finally(() => inflight.delete(dir));
    inflight.set(dir, pending);
  }
  return pending;
}

async function materialize(store: BlobStore, dir: string, version: CachedVersion): Promise<{ fetched: boolean }> {
  if (await exists(dir)) {
    await touchCachedFolder(dir);
    return { fetched: false };
  }
  const partial = `${dir}.partial-${randomUUID()}`;
  try {
    for (const file of version.files) await fetchFile(store, file, join(partial, file.name));
    await rename(partial, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another worker on the same disk finished first: its folder holds the same bytes.
      if (!(await exists(dir))) throw error;
    });
    return { fetched: true };
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
