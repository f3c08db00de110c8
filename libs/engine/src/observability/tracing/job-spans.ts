import { Logger } from '@nestjs/common';
import { context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { runWithLogContext } from '../logging/log-context';
import { extractTraceCarrier, injectTraceCarrier, TraceCarrier } from './trace-carrier';
import { tracer, tracingEnabled } from './tracing';

/** Where a job's data carries the producer's span context (W3C traceparent/tracestate). */
export interface TracedJobData {
  tenantId: string;
  traceContext?: TraceCarrier;
}

const MESSAGING_SYSTEM = 'bull';
const logger = new Logger('Job');

/**
 * Enqueues under a producer span: add() gets the data with the span's traceparent in `traceContext`, so
 * the worker's consumer span continues the trace. Tracing off: add(data) as it is.
 */
export async function traceEnqueue<D extends TracedJobData>(
  queue: string,
  jobName: string,
  data: D,
  add: (data: D) => Promise<string>,
): Promise<string> {
  if (!tracingEnabled()) return add(data);
  const span = tracer().startSpan(`publish ${queue}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.operation.type': 'publish',
      'messaging.destination.name': queue,
      'loris.job.name': jobName,
      'loris.tenant.id': data.tenantId,
    },
  });
  const spanContext = trace.setSpan(context.active(), span);
  const traced = { ...data, traceContext: injectTraceCarrier(spanContext) };
  return ended(span, () =>
    context.with(spanContext, () =>
      add(traced).then((id) => {
        span.setAttribute('messaging.message.id', id);
        return id;
      }),
    ),
  );
}

export interface JobIdentity {
  queue: string;
  name: string;
  id: string;
  data: TracedJobData;
}

/**
 * Runs a job with its ids (jobId, queue, tenantId) in the log context and, tracing on, inside a consumer
 * span whose parent is the producer span named by the job's data.
 */
export function runJobObserved<T>(job: JobIdentity, run: () => Promise<T>): Promise<T> {
  const ids = { jobId: job.id, queue: job.queue, tenantId: job.data.tenantId };
  const logged = () => runWithLogContext(ids, () => withOutcomeLogged(job.name, run));
  if (!tracingEnabled()) return logged();
  const parent = extractTraceCarrier(job.data.traceContext, context.active());
  const span = tracer().startSpan(
    `process ${job.queue}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.destination.name': job.queue,
        'messaging.message.id': job.id,
        'loris.job.name': job.name,
        'loris.tenant.id': job.data.tenantId,
      },
    },
    parent,
  );
  return ended(span, () => context.with(trace.setSpan(parent, span), logged));
}

// One line per run, so a job's story in the logs has an end; the failure's detail is the handler's to log.
async function withOutcomeLogged<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const result = await run();
    logger.log(`${name} done in ${ms()} ms`);
    return result;
  } catch (error) {
    logger.warn(`${name} failed after ${ms()} ms: ${(error as Error)?.message}`);
    throw error;
  }
}

/** Ends span when work settles, recording a failure as the span's error. */
async function ended<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}
