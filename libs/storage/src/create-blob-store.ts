import { S3Client } from '@aws-sdk/client-s3';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore, s3ClientConfigFromEnv } from './s3-blob-store';
import { StorageConfigInvalid } from './storage.errors';

export const DEFAULT_STORAGE_DIR = 'var/storage';

/**
 * The configured store: `STORAGE_URL=s3://bucket/prefix` selects S3 (endpoint, region, path-style and
 * credentials from S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE and the AWS_* variables); otherwise a
 * local directory, `STORAGE_DIR` (default var/storage, relative to the working directory).
 */
export function createBlobStore(env: NodeJS.ProcessEnv = process.env): BlobStore {
  const url = env.STORAGE_URL?.trim();
  if (url) {
    const { bucket, prefix } = parseS3Url(url);
    return new S3BlobStore({ bucket, prefix, client: new S3Client(s3ClientConfigFromEnv(env)) });
  }
  return new LocalBlobStore(env.STORAGE_DIR?.trim() || DEFAULT_STORAGE_DIR);
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    throw new StorageConfigInvalid(
      `STORAGE_URL "${url}" is not an s3:// URL; use s3://bucket/prefix, or unset it to store under STORAGE_DIR.`,
    );
  }
  const bucket = match[1];
  // Bucket names: 3-63 of lower-case letters, digits, dots and hyphens (the S3 naming rules).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new StorageConfigInvalid(
      `STORAGE_URL names the bucket "${bucket}", which is not a valid S3 bucket name.`,
    );
  }
  return { bucket, prefix: match[2].replace(/^\/+|\/+$/g, '') };
}
