import { trace } from '@opentelemetry/api';
import { traceEnqueue } from './job-spans';
import { startTracing, tracingEnabled } from './tracing';

describe('startTracing', () => {
  it('registers nothing without an endpoint: no provider, no spans, job data untouched', async () => {
    expect(startTracing({ tracesUrl: undefined, serviceName: undefined }, 'loris-test')).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
    const data = { tenantId: 't' };
    let added: unknown;
    await traceEnqueue('audit', 'record-audit-event', data, async (payload) => {
      added = payload;
      return '1';
    });
    expect(added).toBe(data);
  });

  it('with an endpoint, registers a recording provider until shutdown', async () => {
    const tracing = startTracing(
      { tracesUrl: 'http://127.0.0.1:9/v1/traces', serviceName: undefined },
      'loris-test',
    );
    try {
      expect(tracing?.serviceName).toBe('loris-test');
      expect(tracingEnabled()).toBe(true);
      let added: { traceContext?: { traceparent: string } } = {};
      await traceEnqueue(
        'audit',
        'record-audit-event',
        { tenantId: 't' },
        async (payload: typeof added & { tenantId: string }) => {
          added = payload;
          return '1';
        },
      );
      expect(added.traceContext?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    } finally {
      await tracing?.shutdown();
    }
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
  });
});
