import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BlobStore, ByteRange, PutOptions, StoredBlob } from './blob-store';
import { blobKey } from './blob-address';
import { checkRange } from './byte-range';
import { HashingCounter, toBytes } from './hashing-counter';
import { BlobNotFound } from './storage.errors';

const TEMP_DIR = '.tmp';

/**
 * Blobs as files under one directory, `ab/cd/<sha256>`. A put streams into `.tmp/` inside the same tree
 * (same filesystem, so the final rename is atomic): a reader never sees a half-written blob, and a crash
 * leaves only a temp file.
 */
export class LocalBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * A put removes its temp file when it fails, but a killed process cannot: its partial file stays in
   * `.tmp/`. Files older than `olderThanMs` belong to no live put (puts stream, so an upload still being
   * written keeps its file's mtime fresh), and are removed.
   */
  async sweepStaleTemp(olderThanMs: number, now = Date.now()): Promise<number> {
    const tempDir = join(this.root, TEMP_DIR);
    let names: string[];
    try {
      names = await readdir(tempDir);
    } catch {
      return 0; // no put has run here yet
    }
    let removed = 0;
    for (const name of names) {
      const path = join(tempDir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  async put(
    source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
    opts: PutOptions = {},
  ): Promise<StoredBlob> {
    const tempDir = join(this.root, TEMP_DIR);
    await mkdir(tempDir, { recursive: true });
    const tempPath = join(tempDir, randomUUID());
    const counter = new HashingCounter(opts.maxBytes);
    const file = await open(tempPath, 'wx');
    let blob: StoredBlob;
    try {
      // Awaiting each write is the back-pressure: the source is read no faster than the disk takes it.
      for await (const chunk of source as AsyncIterable<unknown>) {
        const bytes = toBytes(chunk);
        counter.take(bytes);
        await file.write(bytes);
      }
      await file.sync();
      await file.close();
      blob = counter.result();
      const finalPath = this.pathOf(blob.sha256);
      if (await exists(finalPath)) {
        await rm(tempPath, { force: true });
      } else {
        await mkdir(dirname(finalPath), { recursive: true });
        await rename(tempPath, finalPath);
      }
    } catch (err) {
      await file.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      throw err;
    }
    return blob;
  }

  async createReadStream(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const path = this.pathOf(sha256);
    const info = await this.stat(sha256);
    if (!info) throw new BlobNotFound(sha256);
    if (range) checkRange(range, info.bytes);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(sha256: string): Promise<{ bytes: number } | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return { bytes: info.size };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async withLocalFile<T>(sha256: string, fn: (path: string) => Promise<T>): Promise<T> {
    if (!(await this.stat(sha256))) throw new BlobNotFound(sha256);
    return fn(this.pathOf(sha256));
  }

  /** The file of a blob (checked address, so never outside the root). */
  pathOf(sha256: string): string {
    return join(this.root, blobKey(sha256));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
