import { EventEmitter } from 'node:events';
import { Request, Response } from 'express';
import { Registry } from 'prom-client';
import { httpMetrics, routeLabel } from './http-metrics.middleware';

const req = (fields: Partial<Request>) => ({ baseUrl: '', originalUrl: '/', url: '/', ...fields }) as Request;

describe('routeLabel', () => {
  it("is the matched route's pattern, never the URL with its ids", () => {
    expect(routeLabel(req({ route: { path: '/v1/media/:id' }, originalUrl: '/v1/media/0b5c...' }))).toBe(
      '/v1/media/:id',
    );
    expect(
      routeLabel(req({ route: { path: '/:id' }, baseUrl: '/v1/media', originalUrl: '/v1/media/x' })),
    ).toBe('/v1/media/:id');
  });

  it('is /graphql for anything under Apollo, whatever the query string or case', () => {
    expect(routeLabel(req({ originalUrl: '/graphql' }))).toBe('/graphql');
    expect(routeLabel(req({ originalUrl: '/GraphQL?query={me{id}}' }))).toBe('/graphql');
    expect(routeLabel(req({ originalUrl: '/graphql/anything' }))).toBe('/graphql');
    expect(routeLabel(req({ originalUrl: '/graphqlx' }))).toBe('unmatched');
  });

  it('is unmatched for requests no route took (404s, refusals before routing)', () => {
    expect(routeLabel(req({ originalUrl: '/wp-login.php' }))).toBe('unmatched');
    expect(routeLabel(req({ originalUrl: '/v1/uploads/3f2a' }))).toBe('unmatched');
  });
});

describe('httpMetrics', () => {
  it('observes each request once, when its response finishes (or its connection closes first)', async () => {
    const registry = new Registry();
    const middleware = httpMetrics(registry);
    const request = (route?: string) => {
      const res = Object.assign(new EventEmitter(), { statusCode: 200 }) as unknown as Response;
      const next = jest.fn();
      middleware(
        req({ method: 'GET', route: route ? { path: route } : undefined, originalUrl: '/x' }),
        res,
        next,
      );
      expect(next).toHaveBeenCalled();
      return res;
    };
    const finished = request('/healthz/live');
    finished.statusCode = 204;
    finished.emit('finish');
    finished.emit('close');
    request().emit('close');
    const metric = (await registry.getMetricsAsJSON()).find(
      (m) => m.name === 'http_request_duration_seconds',
    )!;
    const counts = metric.values
      .filter((v) => (v as { metricName?: string }).metricName === 'http_request_duration_seconds_count')
      .map((v) => ({ ...v.labels, value: v.value }));
    expect(counts).toEqual([
      { method: 'GET', route: '/healthz/live', status: '204', value: 1 },
      { method: 'GET', route: 'unmatched', status: '200', value: 1 },
    ]);
  });
});
