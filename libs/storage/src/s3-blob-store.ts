import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStore, ByteRange, PutOptions, StoredBlob } from './blob-store';
import { assertSha256, blobKey } from './blob-address';
import { checkRange } from './byte-range';
import { HashingCounter, toBytes } from './hashing-counter';
import { BlobNotFound } from './storage.errors';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix without leading or trailing slash; '' for the bucket root. */
  prefix: string;
  client: S3Client;
}

/** 8 MiB parts: S3's minimum is 5 MiB; four in flight bound the memory a put holds to about 32 MiB. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

/**
 * Blobs as objects `<prefix>/ab/cd/<sha256>` in an S3-compatible bucket. The sha256 is known only at the
 * end of the stream, so a put uploads (multipart, streamed) to `<prefix>/.tmp/<uuid>` and then copies
 * server-side to its content address: readers of the final key never see a partial object.
 */
export class S3BlobStore implements BlobStore {
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.client = options.client;
  }

  async put(
    source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
    opts: PutOptions = {},
  ): Promise<StoredBlob> {
    const tempKey = this.key(`.tmp/${randomUUID()}`);
    const counter = new HashingCounter(opts.maxBytes);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tempKey, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    // Keeps an early upload failure from being an unhandled rejection while the feed is still running.
    uploaded.catch(() => undefined);
    try {
      await feed(source, body, counter);
      await uploaded;
      const blob = counter.result();
      const finalKey = this.key(blobKey(blob.sha256));
      if (!(await this.head(finalKey))) {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: finalKey,
            CopySource: `${this.bucket}/${encodeKey(tempKey)}`,
          }),
        );
      }
      return blob;
    } catch (err) {
      body.destroy();
      await upload.abort().catch(() => undefined);
      await uploaded.catch(() => undefined);
      throw err;
    } finally {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey }))
        .catch(() => undefined);
    }
  }

  async createReadStream(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const info = await this.stat(sha256);
    if (!info) throw new BlobNotFound(sha256);
    if (range) checkRange(range, info.bytes);
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.key(blobKey(sha256)),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return out.Body as Readable;
  }

  async stat(sha256: string): Promise<{ bytes: number } | null> {
    assertSha256(sha256);
    return this.head(this.key(blobKey(sha256)));
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(blobKey(sha256)) }));
  }

  async withLocalFile<T>(sha256: string, fn: (path: string) => Promise<T>): Promise<T> {
    const source = await this.createReadStream(sha256);
    const dir = await mkdtemp(join(tmpdir(), 'loris-blob-'));
    try {
      const path = join(dir, sha256);
      await pipeline(source, createWriteStream(path));
      return await fn(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private key(rest: string): string {
    return this.prefix ? `${this.prefix}/${rest}` : rest;
  }

  private async head(key: string): Promise<{ bytes: number } | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: out.ContentLength ?? 0 };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return null;
      throw err;
    }
  }
}

/** Copies the source into the upload's body, honouring its back-pressure, hashing and counting on the way. */
async function feed(
  source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  body: PassThrough,
  counter: HashingCounter,
): Promise<void> {
  for await (const chunk of source as AsyncIterable<unknown>) {
    const bytes = toBytes(chunk);
    counter.take(bytes);
    if (!body.write(bytes)) await waitForDrain(body);
  }
  body.end();
}

function waitForDrain(body: PassThrough): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      body.off('error', onError);
      resolve();
    };
    const onError = (err: Error): void => {
      body.off('drain', onDrain);
      reject(err);
    };
    body.once('drain', onDrain);
    body.once('error', onError);
  });
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** Client settings from the environment: endpoint, region, path-style, and the standard AWS credentials. */
export function s3ClientConfigFromEnv(env: NodeJS.ProcessEnv): S3ClientConfig {
  const config: S3ClientConfig = {
    region: env.S3_REGION || 'us-east-1',
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    // S3-compatible servers (MinIO, Ceph, s3rver) differ in which flexible checksums they accept; send
    // them only where the API requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
    };
  }
  return config;
}
