import { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/** Requests that no route took: 404s, and requests the edge refused before routing (401, 429). */
export const UNMATCHED_ROUTE = 'unmatched';

// Up to a minute: uploads of hundreds of MiB stream through the API.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The route label of a finished request: the pattern of the route that served it (`/v1/media/:id`), `/graphql`
 * for everything under Apollo's mount (queries, mutations, graphql-ws upgrades), else `unmatched`. Never the
 * raw URL, whose ids would make one series per request.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl' | 'url'>): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}` || '/';
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0].toLowerCase();
  if (path === '/graphql' || path.startsWith('/graphql/')) return '/graphql';
  return UNMATCHED_ROUTE;
}

/**
 * Express middleware, first in the chain: observes http_request_duration_seconds{method,route,status} for
 * every request once its response is finished (or its connection closed first: status is then what had been
 * set, often 200, of a response the client did not get whole).
 */
export function httpMetrics(registry: Registry) {
  const duration = new Histogram({
    name: HTTP_DURATION_METRIC,
    help: 'Seconds from a request reaching the API to its response finishing, by method, route pattern (or /graphql, or unmatched) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let observed = false;
    const observe = () => {
      if (observed) return;
      observed = true;
      duration.observe(
        { method: req.method, route: routeLabel(req), status: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
