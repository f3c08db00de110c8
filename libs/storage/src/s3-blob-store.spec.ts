import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createBlobStore } from './create-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { chunked, describeBlobStoreContract, readAll, sha256 } from './blob-store.contract.testing';

// A real S3-compatible server (s3rver: the S3 REST API over a local directory) on a random port.
const BUCKET = 'loris-test';
const PREFIX = 'tenant-blobs';
let server: S3rver;
let dir: string;
let env: NodeJS.ProcessEnv;
let client: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loris-s3rver-'));
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  env = {
    STORAGE_URL: `s3://${BUCKET}/${PREFIX}`,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  };
  client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function listKeys(): Promise<string[]> {
  const out = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

describeBlobStoreContract('S3BlobStore (s3rver)', () => {
  const store = createBlobStore(env);
  expect(store).toBeInstanceOf(S3BlobStore);
  return { store, listKeys };
});

describe('S3BlobStore layout', () => {
  it('keeps blobs at <prefix>/ab/cd/<sha256> and no temp objects', async () => {
    const store = createBlobStore(env);
    const blob = await store.put(Readable.from([Buffer.from('layout on s3')]));
    const keys = await listKeys();
    expect(keys).toContain(`${PREFIX}/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`);
    expect(keys.filter((k) => k.includes('.tmp'))).toEqual([]);
  });
});

describe('S3BlobStore multipart', () => {
  it('streams a blob larger than one part (8 MiB) through a multipart upload', async () => {
    const store = createBlobStore(env);
    const bytes = randomBytes(17 * 1024 * 1024);
    const blob = await store.put(chunked(bytes, 256 * 1024));
    expect(blob).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    const tail = await readAll(
      await store.createReadStream(blob.sha256, { start: bytes.length - 100, end: bytes.length - 1 }),
    );
    expect(tail.equals(bytes.subarray(bytes.length - 100))).toBe(true);
    expect((await listKeys()).filter((k) => k.includes('.tmp'))).toEqual([]);
  }, 30_000);
});
