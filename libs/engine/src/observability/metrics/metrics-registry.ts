import { collectDefaultMetrics, Registry } from 'prom-client';

/** The app's prom-client Registry (MetricsModule provides it): what its /metrics serves. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export interface MetricsRegistryOptions {
  /** Node's process metrics (prom-client's defaults: CPU, memory, heap, event loop lag, GC, handles); on by default. */
  defaultMetrics?: boolean;
}

/**
 * A registry of its own per app rather than prom-client's global one, so an API and a worker started in one
 * process (the integration suites) never register the same metric twice.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Rejects after `ms` (a Redis that does not answer must not hold a scrape), clearing its timer either way. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // a late failure after the timeout is already answered
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
