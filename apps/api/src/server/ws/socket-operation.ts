import { context, Context as TraceContext, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExecutionResult, getOperationAST, type DocumentNode } from 'graphql';
import {
  acceptRequestId,
  LogContext,
  runWithLogContext,
  TenantContext,
  tracer,
  tracingEnabled,
} from '@loris/engine';

/**
 * What an HTTP request gets from requestContext() and the operation-span plugin, for one operation on a
 * socket: a request id of its own in the log context (so its log lines and audit events name it), and,
 * tracing on, a server span named after the operation, the parent of whatever the operation does.
 */
export class SocketOperation {
  private constructor(
    readonly log: LogContext,
    private readonly span: Span | undefined,
    private readonly traceContext: TraceContext,
  ) {}

  static start(
    tenant: TenantContext,
    document: DocumentNode,
    operationName?: string | null,
  ): SocketOperation {
    const log: LogContext = { requestId: acceptRequestId(undefined), tenantId: tenant.tenantId };
    if (!tracingEnabled()) return new SocketOperation(log, undefined, context.active());
    const operation = getOperationAST(document, operationName);
    const type = operation?.operation ?? 'query';
    const first = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
    const label = operationName || (first?.kind === 'Field' ? first.name.value : 'anonymous');
    const span = tracer().startSpan(`${type} ${label}`, {
      kind: SpanKind.SERVER,
      attributes: {
        'network.transport': 'websocket',
        'graphql.operation.type': type,
        'loris.request.id': log.requestId,
        'loris.tenant.id': tenant.tenantId,
        ...(operationName ? { 'graphql.operation.name': operationName } : {}),
      },
    });
    return new SocketOperation(log, span, trace.setSpan(context.active(), span));
  }

  /** Runs the operation's execution inside its log context and span. */
  run<T>(work: () => T): T {
    return context.with(this.traceContext, () => runWithLogContext(this.log, work));
  }

  /**
   * Ends the span once the operation has its result: a query's or mutation's answer, or a subscription's
   * stream set up (a span over a subscription's whole life would stay open for hours).
   */
  end(result: unknown): void {
    if (!this.span) return;
    const errors = (result as ExecutionResult | undefined)?.errors;
    if (errors?.length) this.span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0].message });
    this.span.end();
  }
}

/** The SocketOperation graphqlWsOptions put in an operation's context value. */
export function socketOperationOf(contextValue: unknown): SocketOperation | undefined {
  const operation = (contextValue as { operation?: unknown } | null)?.operation;
  return operation instanceof SocketOperation ? operation : undefined;
}
