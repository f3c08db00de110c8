import { Registry } from 'prom-client';
import { JobCountsSource, registerQueueDepth } from './queue-depth';

const counts = (waiting: number, active = 0, delayed = 0, failed = 0): JobCountsSource => ({
  getJobCounts: jest.fn(async () => ({ waiting, active, delayed, failed, completed: 99, paused: 0 })),
});

async function values(registry: Registry) {
  const metrics = await registry.getMetricsAsJSON();
  const of = (name: string) =>
    metrics
      .find((m) => m.name === name)!
      .values.map((v) => ({ ...v.labels, value: v.value }) as Record<string, string | number>);
  return { jobs: of('loris_queue_jobs'), up: of('loris_queue_up') };
}

describe('registerQueueDepth', () => {
  it('reads every queue at scrape time, one read per scrape for both gauges', async () => {
    const registry = new Registry();
    const generate = counts(3, 1, 2, 4);
    let audit = counts(0);
    registerQueueDepth(registry, () => [
      ['generate', generate],
      ['audit', audit],
    ]);
    expect((await values(registry)).jobs).toEqual([
      { queue: 'generate', state: 'waiting', value: 3 },
      { queue: 'generate', state: 'active', value: 1 },
      { queue: 'generate', state: 'delayed', value: 2 },
      { queue: 'generate', state: 'failed', value: 4 },
      { queue: 'audit', state: 'waiting', value: 0 },
      { queue: 'audit', state: 'active', value: 0 },
      { queue: 'audit', state: 'delayed', value: 0 },
      { queue: 'audit', state: 'failed', value: 0 },
    ]);
    // getMetricsAsJSON collects both gauges concurrently: they share the read.
    expect(generate.getJobCounts).toHaveBeenCalledTimes(1);

    audit = counts(7);
    const next = await values(registry);
    expect(next.jobs).toContainEqual({ queue: 'audit', state: 'waiting', value: 7 });
    expect(next.up).toEqual([
      { queue: 'generate', value: 1 },
      { queue: 'audit', value: 1 },
    ]);
  });

  it('leaves out a queue whose counts fail or take too long, with loris_queue_up 0, and says why', async () => {
    const registry = new Registry();
    const errors: string[] = [];
    registerQueueDepth(
      registry,
      () => [
        ['generate', counts(1)],
        ['audit', { getJobCounts: () => Promise.reject(new Error('Connection is closed.')) }],
        ['ingest', { getJobCounts: () => new Promise(() => undefined) }],
      ],
      { timeoutMs: 20, onError: (queue, error) => errors.push(`${queue}: ${error.message}`) },
    );
    const { jobs, up } = await values(registry);
    expect(new Set(jobs.map((j) => j.queue))).toEqual(new Set(['generate']));
    expect(up).toEqual([
      { queue: 'generate', value: 1 },
      { queue: 'audit', value: 0 },
      { queue: 'ingest', value: 0 },
    ]);
    expect(errors).toEqual([
      'audit: Connection is closed.',
      'ingest: job counts of ingest timed out after 20 ms',
    ]);
  });
});
