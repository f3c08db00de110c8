import { InvalidBlobAddress } from './storage.errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Checks a sha256 before it becomes part of a path or an object key (no `..`, no slashes). */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new InvalidBlobAddress(sha256);
}

/** `ab/cd/abcd…`: two fan-out levels keep directories small (and S3 listings cheap) at millions of blobs. */
export function blobKey(sha256: string): string {
  assertSha256(sha256);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
