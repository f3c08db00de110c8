import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { extractTraceCarrier, injectTraceCarrier } from './trace-carrier';

const SPAN = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

describe('trace carrier', () => {
  it('injects the W3C traceparent of the active span', () => {
    const carrier = injectTraceCarrier(trace.setSpanContext(ROOT_CONTEXT, SPAN));
    expect(carrier).toEqual({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
  });

  it('injects nothing without a valid span (tracing off)', () => {
    expect(injectTraceCarrier(ROOT_CONTEXT)).toBeUndefined();
    expect(injectTraceCarrier(context.active())).toBeUndefined();
  });

  it('extracts what it injected as a remote parent, through JSON as Bull stores it', () => {
    const carrier = JSON.parse(JSON.stringify(injectTraceCarrier(trace.setSpanContext(ROOT_CONTEXT, SPAN))));
    const parent = trace.getSpanContext(extractTraceCarrier(carrier));
    expect(parent).toEqual({ ...SPAN, isRemote: true });
  });

  it('keeps tracestate', () => {
    const carrier = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'vendor=x',
    };
    const parent = trace.getSpanContext(extractTraceCarrier(carrier));
    expect(parent?.traceState?.get('vendor')).toBe('x');
    expect(injectTraceCarrier(trace.setSpanContext(ROOT_CONTEXT, parent!))).toEqual(carrier);
  });

  it('ignores missing or malformed carriers', () => {
    for (const bad of [undefined, null, 'x', {}, { traceparent: 7 }, { traceparent: 'not-a-traceparent' }]) {
      expect(trace.getSpanContext(extractTraceCarrier(bad))).toBeUndefined();
    }
  });
});
