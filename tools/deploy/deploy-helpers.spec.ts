// The two helpers the images carry for Kubernetes and compose (tools/wait-for-job.js, tools/ensure-bucket.js):
// their decisions, without an API server or an S3 store.
const { jobState, decide, ownImage } = require('../wait-for-job.js') as {
  jobState(job: unknown, image?: string): string;
  decide(state: string, absentForMs: number, absentLimitMs: number): number | undefined;
  ownImage(pod: unknown, name: string): string | undefined;
};
const { bucketOf } = require('../ensure-bucket.js') as { bucketOf(url?: string): string };

const job = (image: string, status: object) => ({
  spec: { template: { spec: { containers: [{ image }] } } },
  status,
});
const IMAGE = 'registry.example.com/loris/migrate:1.2.0';

describe('wait-for-job', () => {
  test('a Job that succeeded with this pod image lets the pod start; one that failed stops it', () => {
    expect(jobState(job(IMAGE, { succeeded: 1 }), IMAGE)).toBe('succeeded');
    expect(jobState(job(IMAGE, { conditions: [{ type: 'Complete', status: 'True' }] }), IMAGE)).toBe(
      'succeeded',
    );
    expect(jobState(job(IMAGE, { conditions: [{ type: 'Failed', status: 'True' }] }), IMAGE)).toBe('failed');
    expect(jobState(job(IMAGE, { active: 1 }), IMAGE)).toBe('running');
    expect(decide('succeeded', 0, 60_000)).toBe(0);
    expect(decide('failed', 0, 60_000)).toBe(1);
    expect(decide('running', 600_000, 60_000)).toBeUndefined();
  });

  test("an earlier release's Job (another image) is waited out, never taken for this release's migration", () => {
    expect(jobState(job('registry.example.com/loris/migrate:1.1.0', { succeeded: 1 }), IMAGE)).toBe('stale');
    expect(decide('stale', 600_000, 60_000)).toBeUndefined();
  });

  test('an absent Job (removed by its TTL) lets the pod start after the grace period, not before', () => {
    expect(jobState(null, IMAGE)).toBe('absent');
    expect(decide('absent', 10_000, 60_000)).toBeUndefined();
    expect(decide('absent', 60_000, 60_000)).toBe(0);
  });

  test("the init container's own image comes from its pod", () => {
    const pod = {
      spec: {
        initContainers: [{ name: 'wait-for-migrate', image: IMAGE }],
        containers: [{ name: 'api', image: 'x' }],
      },
    };
    expect(ownImage(pod, 'wait-for-migrate')).toBe(IMAGE);
    expect(ownImage(pod, 'other')).toBeUndefined();
  });
});

describe('ensure-bucket', () => {
  test('takes the bucket from STORAGE_URL and refuses anything but s3://', () => {
    expect(bucketOf('s3://loris/media')).toBe('loris');
    expect(bucketOf('s3://loris')).toBe('loris');
    expect(() => bucketOf('var/storage')).toThrow('STORAGE_URL must look like s3://bucket/prefix');
    expect(() => bucketOf(undefined)).toThrow('STORAGE_URL must look like s3://bucket/prefix');
  });
});
