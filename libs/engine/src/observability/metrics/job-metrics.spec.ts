import { Registry } from 'prom-client';
import { JobRun } from '../../queue/job-processor';
import { failureCode, JobMetrics, trackJob } from './job-metrics';

const GENERATE = { queue: 'generate', name: 'generate-soundtrack' };
const run = (attempt: number, maxAttempts = 3): JobRun => ({ id: '42', attempt, maxAttempts });

type Sample = { name: string; value: number } & Record<string, string | number>;

async function series(registry: Registry, name: string): Promise<Sample[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  return metric.values.map((v) => {
    const { metricName } = v as { metricName?: string };
    return { ...v.labels, name: metricName ?? name, value: v.value } as Sample;
  });
}

const counts = async (registry: Registry) =>
  (await series(registry, 'loris_job_duration_seconds'))
    .filter((s) => s.name === 'loris_job_duration_seconds_count')
    .map(({ outcome, value }) => ({ outcome, value }));

describe('JobMetrics', () => {
  let registry: Registry;
  let metrics: JobMetrics;

  beforeEach(() => {
    registry = new Registry();
    metrics = new JobMetrics(registry);
  });

  it('times a run that resolves as succeeded, and gives the handler a report in its JobRun', async () => {
    let seen: JobRun | undefined;
    await metrics.track(GENERATE, run(1), async (r) => {
      seen = r;
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(seen).toMatchObject({ id: '42', attempt: 1, maxAttempts: 3, report: expect.any(Object) });
    expect(await counts(registry)).toEqual([{ outcome: 'succeeded', value: 1 }]);
    const [sum] = (await series(registry, 'loris_job_duration_seconds')).filter(
      (s) => s.name === 'loris_job_duration_seconds_sum',
    );
    expect(sum).toMatchObject({ queue: 'generate', job: 'generate-soundtrack', outcome: 'succeeded' });
    expect(sum.value).toBeGreaterThanOrEqual(0.015);
    expect(await series(registry, 'loris_jobs_failed_total')).toEqual([]);
  });

  it('takes the outcome the handler reports: a failure it recorded counts under its code', async () => {
    await metrics.track(GENERATE, run(1), async (r) =>
      r.report!.ended({ outcome: 'failed', code: 'NO_PERSON_FOUND' }),
    );
    await metrics.track(GENERATE, run(1), async (r) => r.report!.ended({ outcome: 'cancelled' }));
    await metrics.track(GENERATE, run(1), async (r) => r.report!.ended({ outcome: 'skipped' }));
    expect(await counts(registry)).toEqual([
      { outcome: 'failed', value: 1 },
      { outcome: 'cancelled', value: 1 },
      { outcome: 'skipped', value: 1 },
    ]);
    expect(await series(registry, 'loris_jobs_failed_total')).toEqual([
      {
        name: 'loris_jobs_failed_total',
        queue: 'generate',
        job: 'generate-soundtrack',
        code: 'NO_PERSON_FOUND',
        value: 1,
      },
    ]);
  });

  it('a run that throws: retried while attempts remain, failed with the error code on the last; rethrown', async () => {
    const fault = Object.assign(new Error('boom'), { code: 'MODEL_SESSION' });
    await expect(metrics.track(GENERATE, run(1), () => Promise.reject(fault))).rejects.toBe(fault);
    await expect(metrics.track(GENERATE, run(3), () => Promise.reject(fault))).rejects.toBe(fault);
    await expect(
      metrics.track(GENERATE, run(1, 1), () => Promise.reject(new Error('no code'))),
    ).rejects.toThrow();
    expect(await counts(registry)).toEqual([
      { outcome: 'retried', value: 1 },
      { outcome: 'failed', value: 2 },
    ]);
    const failed = (await series(registry, 'loris_jobs_failed_total')).map(({ code, value }) => ({
      code,
      value,
    }));
    expect(failed).toEqual([
      { code: 'MODEL_SESSION', value: 1 },
      { code: 'INTERNAL_ERROR', value: 1 },
    ]);
  });

  it('observes the real-time factor as audio seconds per compute second, ignoring empty measurements', async () => {
    await metrics.track(GENERATE, run(1), async (r) => {
      r.report!.generated(10, 2.5);
      r.report!.generated(0, 1);
      r.report!.generated(3, 0);
    });
    const rtf = await series(registry, 'loris_generation_realtime_factor');
    expect(rtf.find((s) => s.name.endsWith('_count'))?.value).toBe(1);
    expect(rtf.find((s) => s.name.endsWith('_sum'))?.value).toBe(4);
    expect(rtf.find((s) => s.name.endsWith('_bucket') && s.le === 4)?.value).toBe(1);
    expect(rtf.find((s) => s.name.endsWith('_bucket') && s.le === 2)?.value).toBe(0);
  });
});

describe('failureCode', () => {
  it('keeps UPPER_SNAKE codes and folds everything else into INTERNAL_ERROR', () => {
    expect(failureCode(Object.assign(new Error('x'), { code: 'NO_PERSON_FOUND' }))).toBe('NO_PERSON_FOUND');
    expect(failureCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(failureCode(Object.assign(new Error('x'), { code: '23505' }))).toBe('INTERNAL_ERROR');
    expect(failureCode(Object.assign(new Error('x'), { code: 'not a code' }))).toBe('INTERNAL_ERROR');
    expect(failureCode(new Error('x'))).toBe('INTERNAL_ERROR');
    expect(failureCode(undefined)).toBe('INTERNAL_ERROR');
  });
});

describe('trackJob', () => {
  it('runs the work with the bare JobRun when metrics are off', async () => {
    const work = jest.fn(async () => undefined);
    await trackJob(undefined, GENERATE, run(2), work);
    expect(work).toHaveBeenCalledWith(run(2));
  });
});
