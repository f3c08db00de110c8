import { answer, WorkerHttpRoutes } from './worker-http.handler';
import { WorkerReadiness } from './worker-health.service';

const routes = (readiness: WorkerReadiness, metrics = true): WorkerHttpRoutes => ({
  readiness: async () => readiness,
  metrics: metrics ? async () => ({ contentType: 'text/plain; version=0.0.4', text: 'up 1\n' }) : undefined,
});
const READY: WorkerReadiness = { ready: true, queue: 'up', model: 'loaded' };

describe("the worker's HTTP routes", () => {
  it('/healthz/live answers 200 without asking readiness anything', async () => {
    const readiness = jest.fn();
    const live = await answer('GET', '/healthz/live', { readiness });
    expect(live).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(readiness).not.toHaveBeenCalled();
  });

  it('/healthz/ready (and /healthz) is 200 when ready, 503 with what is missing otherwise', async () => {
    expect(await answer('GET', '/healthz/ready', routes(READY))).toMatchObject({
      status: 200,
      body: JSON.stringify({ status: 'ok', queue: 'up', model: 'loaded' }),
    });
    const loading = routes({ ready: false, queue: 'up', model: 'not loaded' });
    expect(await answer('GET', '/healthz/ready?verbose', loading)).toMatchObject({
      status: 503,
      body: JSON.stringify({ status: 'unavailable', queue: 'up', model: 'not loaded' }),
    });
    expect((await answer('HEAD', '/healthz/', loading)).status).toBe(503);
  });

  it('/metrics serves the registry text, or 404 when metrics are off', async () => {
    expect(await answer('GET', '/metrics', routes(READY))).toEqual({
      status: 200,
      contentType: 'text/plain; version=0.0.4',
      body: 'up 1\n',
    });
    expect((await answer('GET', '/metrics', routes(READY, false))).status).toBe(404);
  });

  it('anything else is 404, and other methods 405', async () => {
    expect((await answer('GET', '/graphql', routes(READY))).status).toBe(404);
    expect((await answer('GET', '/healthz/ready/x', routes(READY))).status).toBe(404);
    expect((await answer('POST', '/metrics', routes(READY))).status).toBe(405);
  });
});
