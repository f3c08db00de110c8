import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids every log line of a request or a job carries, without the code that logs having to pass them. */
export interface LogContext {
  requestId?: string;
  jobId?: string;
  queue?: string;
  tenantId?: string;
}

const store = new AsyncLocalStorage<LogContext>();

/** Runs fn with `fields` as the log context of everything it calls, synchronously or not. */
export function runWithLogContext<T>(fields: LogContext, fn: () => T): T {
  return store.run(fields, fn);
}

/**
 * Adds to the current context (e.g. the tenant once the caller is known). The object is shared by the
 * whole request or job, so what is added shows up in its later lines too. Outside any context: nothing.
 */
export function addToLogContext(fields: LogContext): void {
  const current = store.getStore();
  if (current) Object.assign(current, fields);
}

export function currentLogContext(): LogContext | undefined {
  return store.getStore();
}
