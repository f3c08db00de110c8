import { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkerReadiness } from './worker-health.service';

export interface WorkerHttpRoutes {
  readiness(): Promise<WorkerReadiness>;
  /** Prometheus' text and its content type; undefined when metrics are off (METRICS_ENABLED=false). */
  metrics?: () => Promise<{ contentType: string; text: string }>;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, value: unknown): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

/**
 * The worker's HTTP routes, GET (and HEAD) only: /healthz/live (200 while the process answers: no
 * dependency is asked, so a Redis outage does not restart workers mid-job), /healthz/ready and /healthz
 * (200 or 503 with WorkerReadiness), /metrics.
 */
export async function answer(method: string, url: string, routes: WorkerHttpRoutes): Promise<Answer> {
  const path = url.split('?')[0].replace(/\/+$/, '') || '/';
  if (!['/healthz', '/healthz/live', '/healthz/ready', '/metrics'].includes(path)) {
    return json(404, { error: `no route ${path}` });
  }
  if (method !== 'GET' && method !== 'HEAD') return json(405, { error: `${method} not allowed` });
  if (path === '/healthz/live') return json(200, { status: 'ok' });
  if (path === '/metrics') {
    if (!routes.metrics) return json(404, { error: 'metrics are off (METRICS_ENABLED=false)' });
    const { contentType, text } = await routes.metrics();
    return { status: 200, contentType, body: text };
  }
  const { ready, ...state } = await routes.readiness();
  return json(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', ...state });
}

/** answer() as a node:http request listener; a route that throws answers 500. */
export function workerHttpListener(routes: WorkerHttpRoutes) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    answer(req.method ?? 'GET', req.url ?? '/', routes)
      .catch((error: Error) => json(500, { error: error.message }))
      .then(({ status, contentType, body }) => {
        res.writeHead(status, {
          'content-type': contentType,
          'cache-control': 'no-store',
          ...(status === 405 ? { allow: 'GET, HEAD' } : {}),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
  };
}
