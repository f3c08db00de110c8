export type { BlobStore, ByteRange, PutOptions, StoredBlob } from './blob-store';
export { createBlobStore, DEFAULT_STORAGE_DIR, parseS3Url } from './create-blob-store';
export { LocalBlobStore } from './local-blob-store';
export { S3BlobStore, s3ClientConfigFromEnv, type S3BlobStoreOptions } from './s3-blob-store';
export { assertSha256 } from './blob-address';
export {
  BlobNotFound,
  BlobTooLarge,
  InvalidBlobAddress,
  InvalidByteRange,
  StorageConfigInvalid,
  StorageError,
  type StorageErrorCode,
} from './storage.errors';
