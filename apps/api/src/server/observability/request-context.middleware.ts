import { context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NextFunction, Request, Response } from 'express';
import { RequestWithTenant } from '../tenancy/request-with-tenant';
import { acceptRequestId, LogContext, runWithLogContext, tracer, tracingEnabled } from '@loris/engine';

/** What the first middleware starts for a request, for the later stages that add to it. */
interface RequestObservation {
  log: LogContext;
  span?: Span;
}

const observations = new WeakMap<Request, RequestObservation>();

/** The server span of a request, for the GraphQL plugin that names it after the operation. */
export function requestSpan(req: unknown): Span | undefined {
  return observations.get(req as Request)?.span;
}

/**
 * First in the pipeline: the request id (the client's X-Request-Id when sane, else a new one, echoed in the
 * response), the log context holding it, and, tracing on, the request's server span.
 */
export function requestContext() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = acceptRequestId(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    const log: LogContext = { requestId };
    let traceContext = context.active();
    let span: Span | undefined;
    if (tracingEnabled()) {
      span = tracer().startSpan(`${req.method} ${req.path}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': req.path,
          'loris.request.id': requestId,
        },
      });
      traceContext = trace.setSpan(traceContext, span);
      const started = span;
      res.once('close', () => {
        started.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) started.setStatus({ code: SpanStatusCode.ERROR });
        started.end();
      });
    }
    observations.set(req, { log, span });
    context.with(traceContext, () => runWithLogContext(log, next));
  };
}

/**
 * After edge auth: the caller's tenant joins the request's log context and span. (The context itself
 * survives body-parser's stream callbacks; the integration suite's span parentage shows it.)
 */
export function tagRequestTenant() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const tenantId = (req as RequestWithTenant).tenant?.tenantId;
    const observation = observations.get(req);
    if (tenantId && observation) {
      observation.log.tenantId = tenantId;
      observation.span?.setAttribute('loris.tenant.id', tenantId);
    }
    next();
  };
}
