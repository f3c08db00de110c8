import { tenantLimits } from './tenant-limits';

const defaults = {
  AUDIO_SECONDS: 3600,
  CONCURRENT_JOBS: 4,
  STORED_BYTES: 10,
  TRAINING_MINUTES: 600,
  EVALUATION_SAMPLES: 2000,
};

describe('tenantLimits', () => {
  it('takes the defaults for a tenant without a quota row', () => {
    expect(tenantLimits(null, defaults).CONCURRENT_JOBS).toEqual({ limit: 4, custom: false });
  });

  it('takes a tenant’s own limits, zero included, and the default where a column is null', () => {
    const limits = tenantLimits(
      { maxConcurrentJobs: 0, maxSecondsPerMonth: null, maxStoredBytes: 5e9 },
      defaults,
    );
    expect(limits.CONCURRENT_JOBS).toEqual({ limit: 0, custom: true });
    expect(limits.AUDIO_SECONDS).toEqual({ limit: 3600, custom: false });
    expect(limits.STORED_BYTES).toEqual({ limit: 5e9, custom: true });
    expect(limits.TRAINING_MINUTES).toEqual({ limit: 600, custom: false });
  });
});
