// Keeps a worker's model-file cache (WORKER_MODEL_CACHE_DIR) within its disk budget. Each version's folder
// is touched when it is used, so the least recently used go first; folders being fetched right now and the
// ones the caller names are never removed. A version removed here is fetched again on its next use (its
// sessions, once loaded, no longer read the files). Leftovers of fetches that died mid-way are removed too.
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/** A fetch that died mid-way leaves `<id>.partial-<uuid>`; one this old is nobody's fetch any more. */
const PARTIAL_STALE_MS = 60 * 60 * 1000;

interface CachedFolder {
  name: string;
  bytes: number;
  usedAt: number;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : await stat(path).then((s) => s.size, () => 0);
  }
  return total;
}

/** Marks a version's folder as just used. */
export async function touchCachedFolder(dir: string): Promise<void> {
  const now = new Date();
  await utimes(dir, now, now).catch(() => undefined);
}

/**
 * Removes least recently used version folders under `root` until they hold at most `maxBytes`, sparing
 * `keep` (folder names); returns the names removed.
 */
export async function pruneModelCache(root: string, maxBytes: number, keep: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const folders: CachedFolder[] = [];
  const now = Date.now();
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    if (entry.name.includes('.partial-')) {
      if (now - info.mtimeMs > PARTIAL_STALE_MS) await rm(path, { recursive: true, force: true });
      continue;
    }
    folders.push({ name: entry.name, bytes: await folderBytes(path), usedAt: info.mtimeMs });
  }
  let total = folders.reduce((sum, f) => sum + f.bytes, 0);
  const removed: string[] = [];
  for (const folder of folders.sort((a, b) => a.usedAt - b.usedAt)) {
    if (total <= maxBytes) break;
    if (keep.has(folder.name)) continue;
    await rm(join(root, folder.name), { recursive: true, force: true });
    total -= folder.bytes;
    removed.push(folder.name);
  }
  return removed;
}
