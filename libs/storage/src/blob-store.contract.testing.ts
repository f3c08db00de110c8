import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { BlobStore } from './blob-store';
import { BlobNotFound, BlobTooLarge, InvalidBlobAddress, InvalidByteRange } from './storage.errors';

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Yields `bytes` in chunks, counting how far the store has read (to see that it streams). */
export function chunked(bytes: Buffer, chunkSize: number): AsyncIterable<Uint8Array> & { read: number } {
  const source = {
    read: 0,
    async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        const chunk = bytes.subarray(at, at + chunkSize);
        source.read += chunk.length;
        yield chunk;
      }
    },
  };
  return source;
}

/**
 * The behaviour every BlobStore must have, run against each adapter. `listKeys` shows what the adapter
 * holds underneath, to check that a refused put leaves nothing behind.
 */
export function describeBlobStoreContract(
  name: string,
  setup: () => { store: BlobStore; listKeys: () => Promise<string[]> },
): void {
  describe(`${name}: the BlobStore contract`, () => {
    let store: BlobStore;
    let listKeys: () => Promise<string[]>;
    beforeAll(() => ({ store, listKeys } = setup()));

    it('stores a stream under its sha256 and reads it back whole and by inclusive range', async () => {
      const bytes = randomBytes(300_000);
      const blob = await store.put(chunked(bytes, 65_536));
      expect(blob).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
      expect(await store.stat(blob.sha256)).toEqual({ bytes: bytes.length });
      expect((await readAll(await store.createReadStream(blob.sha256))).equals(bytes)).toBe(true);
      const part = await readAll(await store.createReadStream(blob.sha256, { start: 1000, end: 1999 }));
      expect(part.equals(bytes.subarray(1000, 2000))).toBe(true);
      const last = await readAll(
        await store.createReadStream(blob.sha256, { start: bytes.length - 1, end: bytes.length - 1 }),
      );
      expect([...last]).toEqual([bytes[bytes.length - 1]]);
    });

    it('accepts a Node Readable and treats a second put of the same content as a no-op', async () => {
      const bytes = Buffer.from('the same content twice');
      const first = await store.put(Readable.from([bytes]));
      const before = await listKeys();
      const second = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
      expect(second).toEqual(first);
      expect(await listKeys()).toEqual(before);
    });

    it('stores an empty blob', async () => {
      const blob = await store.put(Readable.from([]));
      expect(blob).toEqual({ sha256: sha256(Buffer.alloc(0)), bytes: 0 });
      expect(await store.stat(blob.sha256)).toEqual({ bytes: 0 });
    });

    it('refuses a stream past maxBytes without reading it all, and leaves nothing behind', async () => {
      const before = await listKeys();
      const bytes = randomBytes(1_000_000);
      const source = chunked(bytes, 10_000);
      await expect(store.put(source, { maxBytes: 50_000 })).rejects.toBeInstanceOf(BlobTooLarge);
      expect(source.read).toBeLessThan(100_000);
      expect(await listKeys()).toEqual(before);
      expect(await store.stat(sha256(bytes))).toBeNull();
    });

    it('takes exactly maxBytes', async () => {
      const bytes = randomBytes(5000);
      expect((await store.put(chunked(bytes, 1000), { maxBytes: 5000 })).bytes).toBe(5000);
    });

    it('leaves nothing behind when the source fails mid-stream', async () => {
      const before = await listKeys();
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield randomBytes(20_000);
        throw new Error('connection reset by client');
      }
      await expect(store.put(failing())).rejects.toThrow('connection reset by client');
      expect(await listKeys()).toEqual(before);
    });

    it('throws BlobNotFound for a missing blob, InvalidByteRange outside it, and refuses non-sha256 names', async () => {
      const missing = sha256(Buffer.from('never stored'));
      expect(await store.stat(missing)).toBeNull();
      await expect(store.createReadStream(missing)).rejects.toBeInstanceOf(BlobNotFound);
      await expect(store.withLocalFile(missing, async () => 1)).rejects.toBeInstanceOf(BlobNotFound);
      const blob = await store.put(Readable.from([Buffer.from('0123456789')]));
      await expect(store.createReadStream(blob.sha256, { start: 5, end: 10 })).rejects.toBeInstanceOf(
        InvalidByteRange,
      );
      await expect(store.createReadStream(blob.sha256, { start: 6, end: 5 })).rejects.toBeInstanceOf(
        InvalidByteRange,
      );
      await expect(store.stat('../../etc/passwd')).rejects.toBeInstanceOf(InvalidBlobAddress);
      await expect(store.createReadStream('A'.repeat(64))).rejects.toBeInstanceOf(InvalidBlobAddress);
    });

    it('gives tools a local file with the bytes, and deletes', async () => {
      const bytes = randomBytes(10_000);
      const blob = await store.put(chunked(bytes, 4096));
      const seen = await store.withLocalFile(blob.sha256, async (path) => readFile(path));
      expect(seen.equals(bytes)).toBe(true);
      await store.delete(blob.sha256);
      expect(await store.stat(blob.sha256)).toBeNull();
      await store.delete(blob.sha256);
    });
  });
}
