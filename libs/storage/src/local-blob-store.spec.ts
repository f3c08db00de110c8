import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from './local-blob-store';
import { createBlobStore } from './create-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { StorageConfigInvalid } from './storage.errors';
import { describeBlobStoreContract } from './blob-store.contract.testing';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'loris-storage-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under the root, temp directory included, so a leftover partial file shows. */
async function listFiles(dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

describeBlobStoreContract('LocalBlobStore', () => ({
  store: new LocalBlobStore(root),
  listKeys: () => listFiles(),
}));

describe('LocalBlobStore layout', () => {
  it('writes blobs content-addressed as ab/cd/<sha256>', async () => {
    const store = new LocalBlobStore(root);
    const blob = await store.put(Readable.from([Buffer.from('layout')]));
    const path = join(root, blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
    expect(store.pathOf(blob.sha256)).toBe(path);
    expect((await stat(path)).size).toBe(6);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });
});

describe('createBlobStore', () => {
  it('defaults to a local store under STORAGE_DIR, or var/storage', () => {
    const store = createBlobStore({ STORAGE_DIR: root });
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect((store as LocalBlobStore).root).toBe(root);
    expect((createBlobStore({}) as LocalBlobStore).root).toBe(join(process.cwd(), 'var/storage'));
  });

  it('selects S3 for an s3:// STORAGE_URL and refuses anything else', () => {
    expect(createBlobStore({ STORAGE_URL: 's3://loris-media/prod/blobs' })).toBeInstanceOf(S3BlobStore);
    expect(() => createBlobStore({ STORAGE_URL: 'http://example.com/x' })).toThrow(StorageConfigInvalid);
    expect(() => createBlobStore({ STORAGE_URL: 's3://Bad_Bucket/x' })).toThrow(/not a valid S3 bucket name/);
  });
});

describe('LocalBlobStore.sweepStaleTemp', () => {
  it('removes temp files older than the age a crashed put left, keeps fresh ones and blobs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loris-sweep-'));
    try {
      const store = new LocalBlobStore(dir);
      const blob = await store.put(Readable.from([Buffer.from('kept')]));
      const tempDir = join(dir, '.tmp');
      const stale = join(tempDir, 'crashed-put');
      const fresh = join(tempDir, 'running-put');
      await writeFile(stale, 'partial');
      await writeFile(fresh, 'partial');
      const hourAgo = new Date(Date.now() - 3_600_000);
      await utimes(stale, hourAgo, hourAgo);
      expect(await store.sweepStaleTemp(10 * 60_000)).toBe(1);
      expect((await readdir(tempDir)).sort()).toEqual(['running-put']);
      expect(await store.stat(blob.sha256)).toEqual({ bytes: 4 });
      expect(await new LocalBlobStore(join(dir, 'never-used')).sweepStaleTemp(0)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
