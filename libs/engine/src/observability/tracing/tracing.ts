import { context, propagation, trace, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { AppConfig } from '../../config/app-config';

/** A running tracer provider; shutdown() exports what is still buffered, then unregisters it. */
export interface Tracing {
  serviceName: string;
  tracesUrl: string;
  shutdown(): Promise<void>;
}

// A collector that does not answer must not hold a stopping process for the exporter's own timeouts.
const SHUTDOWN_TIMEOUT_MS = 5000;

let active: Tracing | undefined;

/**
 * Registers a tracer provider that batches spans to the OTLP/HTTP endpoint of the settings (JSON), with
 * the AsyncLocalStorage context manager and the W3C propagator. Without an endpoint it registers nothing:
 * the OpenTelemetry API stays on its no-op tracer and the spans code paths skip themselves.
 * One provider per process: a second call (two apps in one test process) shares the first.
 */
export function startTracing(config: AppConfig['tracing'], defaultServiceName: string): Tracing | undefined {
  if (!config.tracesUrl) return undefined;
  if (active) return active;
  const serviceName = config.serviceName ?? defaultServiceName;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  });
  provider.register();
  const tracing: Tracing = {
    serviceName,
    tracesUrl: config.tracesUrl,
    async shutdown() {
      if (active !== tracing) return;
      active = undefined;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        provider.shutdown().catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  active = tracing;
  return tracing;
}

/** True while a provider is registered: spans are worth creating. */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

export function tracer(): Tracer {
  return trace.getTracer('loris');
}
