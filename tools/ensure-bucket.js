#!/usr/bin/env node
// `node tools/ensure-bucket.js`: creates the bucket of STORAGE_URL (s3://bucket/prefix) on the S3-compatible
// store of S3_ENDPOINT when it is missing, with the same S3_* and AWS_* settings the API and the worker use.
// For development stores (docker/compose.yaml, k8s/overlays/dev); production buckets are provisioned with
// the rest of the infrastructure.
const { S3Client, HeadBucketCommand, CreateBucketCommand } = require('@aws-sdk/client-s3');

/** The bucket of an s3:// STORAGE_URL. */
function bucketOf(storageUrl) {
  const match = /^s3:\/\/([^/]+)(\/.*)?$/.exec((storageUrl || '').trim());
  if (!match) throw new Error(`STORAGE_URL must look like s3://bucket/prefix, got "${storageUrl || ''}"`);
  return match[1];
}

async function main() {
  const bucket = bucketOf(process.env.STORAGE_URL);
  const client = new S3Client({
    region: process.env.S3_REGION || 'us-east-1',
    endpoint: process.env.S3_ENDPOINT || undefined,
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
      console.log(`bucket ${bucket} exists`);
      return;
    } catch (error) {
      const status = error.$metadata && error.$metadata.httpStatusCode;
      if (status === 404) {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        console.log(`bucket ${bucket} created`);
        return;
      }
      if (attempt >= 30) throw error;
      console.error(
        `bucket ${bucket}: ${error.name || error.message}; the store may still be starting, retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

module.exports = { bucketOf };

if (require.main === module) {
  main().catch((error) => {
    console.error(`ensure-bucket failed: ${error.message}`);
    process.exit(1);
  });
}
