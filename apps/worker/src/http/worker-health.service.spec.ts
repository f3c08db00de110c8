import { GenerationThreads } from '@loris/domain';
import { AppConfig, QueueName, QueueService } from '@loris/engine';
import { WorkerHealth } from './worker-health.service';

function health(options: {
  queues?: QueueName[];
  status?: string;
  ping?: () => Promise<unknown>;
  loaded?: boolean;
}) {
  const client = { status: options.status ?? 'ready', ping: jest.fn(options.ping ?? (async () => 'PONG')) };
  const queues = { queue: jest.fn(() => ({ client, clients: [client, { status: client.status }] })) };
  const threads = { modelLoaded: options.loaded ?? true, preload: jest.fn(async () => true) };
  const config = { worker: { queues: options.queues ?? [QueueName.AUDIT, QueueName.GENERATE] } } as AppConfig;
  const service = new WorkerHealth(
    queues as unknown as QueueService,
    threads as unknown as GenerationThreads,
    config,
  );
  return { service, threads, client };
}

describe('WorkerHealth', () => {
  it('is ready when every queue it takes answers and the model is loaded', async () => {
    const { service } = health({});
    expect(await service.readiness()).toEqual({ ready: true, queue: 'up', model: 'loaded' });
  });

  it('is not ready while the model is not loaded, and starts loading it', async () => {
    const { service, threads } = health({ loaded: false });
    expect(await service.readiness()).toEqual({ ready: false, queue: 'up', model: 'not loaded' });
    expect(threads.preload).toHaveBeenCalled();
  });

  it('does not need the model when it does not take generate jobs', async () => {
    const { service, threads } = health({ queues: [QueueName.AUDIT], loaded: false });
    service.onApplicationBootstrap();
    expect(threads.preload).not.toHaveBeenCalled();
    expect(await service.readiness()).toEqual({ ready: true, queue: 'up', model: 'not needed' });
  });

  it('loads the model at start when it takes generate jobs', () => {
    const { service, threads } = health({});
    service.onApplicationBootstrap();
    expect(threads.preload).toHaveBeenCalledTimes(1);
  });

  it('is not ready when a queue connection is not ready, or does not answer a PING in time', async () => {
    expect(await health({ status: 'reconnecting' }).service.readiness()).toMatchObject({
      ready: false,
      queue: 'down',
    });
    const silent = health({ ping: () => new Promise(() => undefined) });
    jest.useFakeTimers();
    try {
      const pending = silent.service.readiness();
      await jest.advanceTimersByTimeAsync(1000);
      expect(await pending).toMatchObject({ ready: false, queue: 'down' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('is not ready once shutdown has begun', async () => {
    const { service } = health({});
    service.beforeApplicationShutdown();
    expect(await service.readiness()).toEqual({ ready: false, queue: 'up', model: 'loaded', stopping: true });
  });
});
