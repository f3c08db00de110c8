// Typed errors of libs/storage. Each carries a stable `code` that the API maps to its own error shape
// (413, 404, 416, 500) and a message a user or operator can act on.

export type StorageErrorCode =
  | 'BLOB_TOO_LARGE'
  | 'BLOB_NOT_FOUND'
  | 'BLOB_RANGE_INVALID'
  | 'BLOB_ADDRESS_INVALID'
  | 'STORAGE_CONFIG_INVALID';

export abstract class StorageError extends Error {
  abstract readonly code: StorageErrorCode;
}

/** The upload passed the size limit; the partial blob has been removed. */
export class BlobTooLarge extends StorageError {
  readonly code = 'BLOB_TOO_LARGE' as const;
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than the limit of ${maxBytes} bytes; send a smaller file.`);
    this.name = 'BlobTooLarge';
  }
}

export class BlobNotFound extends StorageError {
  readonly code = 'BLOB_NOT_FOUND' as const;
  constructor(readonly sha256: string) {
    super(`No stored blob has sha256 ${sha256}.`);
    this.name = 'BlobNotFound';
  }
}

/** A range that does not lie inside the blob (HTTP 416). */
export class InvalidByteRange extends StorageError {
  readonly code = 'BLOB_RANGE_INVALID' as const;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly bytes: number,
  ) {
    super(`Byte range ${start}-${end} is not inside the blob of ${bytes} bytes.`);
    this.name = 'InvalidByteRange';
  }
}

/** Not 64 lower-case hex digits: refused before it can become a path or an object key. */
export class InvalidBlobAddress extends StorageError {
  readonly code = 'BLOB_ADDRESS_INVALID' as const;
  constructor(readonly sha256: string) {
    super(`"${sha256.slice(0, 80)}" is not a sha256 (64 lower-case hex digits).`);
    this.name = 'InvalidBlobAddress';
  }
}

export class StorageConfigInvalid extends StorageError {
  readonly code = 'STORAGE_CONFIG_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigInvalid';
  }
}
