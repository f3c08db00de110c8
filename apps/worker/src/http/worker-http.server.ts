import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { APP_CONFIG, AppConfig, METRICS_REGISTRY } from '@loris/engine';
import { WorkerHealth } from './worker-health.service';
import { workerHttpListener } from './worker-http.handler';

/**
 * The worker's own small HTTP server on WORKER_HTTP_HOST:WORKER_HTTP_PORT (0: a free port, logged): health
 * for the orchestrator and /metrics for Prometheus, nothing else. It opens before the worker takes jobs and
 * closes last, after the running jobs have finished, so liveness keeps answering while a worker drains.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHttp');
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: WorkerHealth,
    @Optional() @Inject(METRICS_REGISTRY) private readonly registry?: Registry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const registry = this.registry;
    const server = createServer(
      workerHttpListener({
        readiness: () => this.health.readiness(),
        metrics: registry
          ? async () => ({ contentType: registry.contentType, text: await registry.metrics() })
          : undefined,
      }),
    );
    const { httpPort, httpHost } = this.config.worker;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(httpPort, httpHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker HTTP on ${this.url()} (/metrics, /healthz/live, /healthz/ready)`);
  }

  /** Where it listens, e.g. http://127.0.0.1:4100. */
  url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the worker HTTP server is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
