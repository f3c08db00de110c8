/** What a `put` stored: the content address and its length. */
export interface StoredBlob {
  sha256: string;
  bytes: number;
}

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  /** Refuse (BlobTooLarge) as soon as the stream passes this many bytes; nothing is left behind. */
  maxBytes?: number;
}

/**
 * A content-addressed blob store. Blobs are named by the sha256 of their bytes, so the same content is
 * stored once and a put of existing content is a no-op. The database keeps the references (artifacts).
 */
export interface BlobStore {
  /** Streams into the store (never buffers whole); refuses with BlobTooLarge past maxBytes, leaving nothing behind. */
  put(source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts?: PutOptions): Promise<StoredBlob>;
  /** Byte range inclusive, as HTTP Range; throws BlobNotFound, or InvalidByteRange outside the blob. */
  createReadStream(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  stat(sha256: string): Promise<{ bytes: number } | null>;
  /** Removes the blob; deleting a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
  /** A local file path for tools (ffmpeg) — local store: the file itself; S3: a temp copy removed after fn. */
  withLocalFile<T>(sha256: string, fn: (path: string) => Promise<T>): Promise<T>;
  /**
   * Removes what puts of crashed processes left behind (partial temp files) older than `olderThanMs`;
   * resolves with how many it removed. Stores that leave nothing behind do not have it.
   */
  sweepStaleTemp?(olderThanMs: number): Promise<number>;
}
