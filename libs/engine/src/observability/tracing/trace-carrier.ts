import { Context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** A span context in W3C Trace Context form, as it travels inside a job's data. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

// Used directly rather than through the global propagator, so a job's data carries W3C headers whatever
// else a process registers, and nothing when no span is recording.
const w3c = new W3CTraceContextPropagator();

/** The carrier of ctx's span; undefined when there is no valid span (tracing off). */
export function injectTraceCarrier(ctx: Context): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  if (!carrier.traceparent) return undefined;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** The remote parent a carrier names, on top of base; base itself for anything malformed or missing. */
export function extractTraceCarrier(carrier: unknown, base: Context = ROOT_CONTEXT): Context {
  if (carrier === null || typeof carrier !== 'object') return base;
  const { traceparent, tracestate } = carrier as Record<string, unknown>;
  if (typeof traceparent !== 'string') return base;
  const headers: Record<string, string> = { traceparent };
  if (typeof tracestate === 'string') headers.tracestate = tracestate;
  return w3c.extract(base, headers, defaultTextMapGetter);
}
