import { Gauge, Registry } from 'prom-client';
import { withTimeout } from './metrics-registry';

export const QUEUE_JOBS_METRIC = 'loris_queue_jobs';
export const QUEUE_UP_METRIC = 'loris_queue_up';

/** The Bull states exported per queue: the backlog (waiting, delayed), the work in hand, and the failures kept. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** What the gauge reads: Bull's Queue.getJobCounts(). */
export type QueueState = (typeof QUEUE_STATES)[number];

export interface JobCountsSource {
  getJobCounts(): Promise<Partial<Record<QueueState, number>>>;
}

export interface QueueDepthOptions {
  /** How long one queue's counts may take before that queue is left out of the scrape; 1000 ms by default. */
  timeoutMs?: number;
  /** Told about a queue whose counts could not be read (Redis away). */
  onError?: (queue: string, error: Error) => void;
}

/**
 * loris_queue_jobs{queue,state}: the job counts of each queue, read from Bull (Redis) at scrape time, so a
 * scrape of any API or worker pod sees the same cluster-wide numbers; and loris_queue_up{queue}, 1 when that
 * read succeeded. A queue whose counts do not come back in time has no loris_queue_jobs series in that scrape
 * (rather than stale or zero ones) and loris_queue_up 0.
 */
export function registerQueueDepth(
  registry: Registry,
  queues: () => Iterable<readonly [string, JobCountsSource]>,
  options: QueueDepthOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 1000;
  // Both gauges are collected concurrently by one scrape: they share one read of the counts.
  let reading: Promise<Map<string, Partial<Record<QueueState, number>> | undefined>> | undefined;
  const read = () =>
    (reading ??= readCounts(queues, timeoutMs, options.onError).finally(() => (reading = undefined)));
  new Gauge({
    name: QUEUE_JOBS_METRIC,
    help: 'Jobs in each Bull queue by state (waiting, active, delayed, failed), read from Redis at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await read();
      this.reset();
      for (const [queue, count] of counts) {
        if (count) for (const state of QUEUE_STATES) this.set({ queue, state }, count[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: QUEUE_UP_METRIC,
    help: 'Whether this scrape read the queue job counts from Redis in time (1) or not (0)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const counts = await read();
      this.reset();
      for (const [queue, count] of counts) this.set({ queue }, count ? 1 : 0);
    },
  });
}

/** Each queue's counts, or undefined for a queue that failed or did not answer within timeoutMs. */
async function readCounts(
  queues: () => Iterable<readonly [string, JobCountsSource]>,
  timeoutMs: number,
  onError: QueueDepthOptions['onError'],
): Promise<Map<string, Partial<Record<QueueState, number>> | undefined>> {
  const entries = await Promise.all(
    [...queues()].map(async ([queue, source]) => {
      try {
        return [
          queue,
          await withTimeout(source.getJobCounts(), timeoutMs, `job counts of ${queue}`),
        ] as const;
      } catch (error) {
        onError?.(queue, error as Error);
        return [queue, undefined] as const;
      }
    }),
  );
  return new Map(entries);
}
