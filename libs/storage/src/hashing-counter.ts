import { createHash, type Hash } from 'node:crypto';
import type { StoredBlob } from './blob-store';
import { BlobTooLarge } from './storage.errors';

/** Hashes and counts bytes as they stream past, refusing as soon as the count passes the limit. */
export class HashingCounter {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /** Takes the next chunk; throws BlobTooLarge before the chunk is written anywhere. */
  take(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) throw new BlobTooLarge(this.maxBytes);
    this.hash.update(chunk);
  }

  result(): StoredBlob {
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** Node streams yield strings when an encoding was set; the store only deals in bytes. */
export function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError(`BlobStore.put expects a stream of bytes, got ${typeof chunk}`);
}
