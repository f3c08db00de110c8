// Logs and traces across the two processes: a GraphQL mutation's server span, the producer span of the job
// it enqueues, and the consumer span of the real worker process that runs it form one trace, exported over
// OTLP/HTTP to a collector this suite runs; the worker's JSON log lines carry the job's ids; with no endpoint,
// nothing is exported. Everything is real: Postgres, Redis, Bull, the built API and worker, the OTLP exporter.
// The traced API runs as its own process: the OTLP exporter loads node:http with a dynamic import(), which
// jest's VM refuses, so inside this process it could not export.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import {
  buildApps,
  createTestDatabase,
  signUpTenant,
  spawnWorkerProcess,
  startTestApi,
  subscribe,
  TestApi,
  TestDatabase,
  testConfig,
  waitFor,
  WorkerProcess,
  wsClient,
} from '../support';
import { AppConfig, QueueName, QueueService } from '@loris/engine';

jest.setTimeout(180_000);

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** A minimal OTLP/HTTP trace receiver: keeps every span posted to /v1/traces (the exporter posts JSON). */
class OtlpReceiver {
  readonly spans: ExportedSpan[] = [];
  readonly requests: { path: string; contentType: string }[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.receive(req).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
        (error: Error) => res.writeHead(400).end(error.message),
      );
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async receive(req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    this.requests.push({ path: req.url ?? '', contentType });
    if (!contentType.includes('json')) throw new Error(`expected OTLP JSON, got ${contentType}`);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    for (const resourceSpans of body.resourceSpans ?? []) {
      const service = resourceSpans.resource?.attributes?.find(
        (a: { key: string }) => a.key === 'service.name',
      )?.value?.stringValue;
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
          });
        }
      }
    }
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
  }
}

interface ApiProcess {
  graphqlUrl: string;
  config: AppConfig;
  output(): string;
  /** SIGTERM, then waits for the exit (its graceful shutdown flushes its spans). */
  stop(): Promise<void>;
}

/** The built API (what `npm run api:start` runs) as its own process on any free port. Call buildApps() first. */
async function spawnApiProcess(database: TestDatabase, env: Record<string, string>): Promise<ApiProcess> {
  const config = testConfig(database, env);
  const child = spawn('node', ['-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: config.database.ownerUrl,
      DATABASE_APP_URL: config.database.appUrl,
      REDIS_URL: config.redis.url,
      REDIS_KEY_PREFIX: config.redis.keyPrefix,
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_ANONYMOUS_MAX: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const graphqlUrl = await new Promise<string>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const listening = /GraphQL API on (http:\/\/[^\s"]+)/.exec(output);
      if (listening) resolve(listening[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the API exited (${code}) before it listened:\n${output}`)));
  });
  return {
    graphqlUrl,
    config,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** SIGTERM: the worker's graceful shutdown, which must flush its spans. */
async function stopGracefully(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = once(worker.child, 'exit');
  worker.child.kill('SIGTERM');
  await exited;
}

/** The worker's stdout as JSON records; a line that is not JSON fails the suite. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`the worker printed a line that is not JSON: ${line}`);
      }
    });
}

describe('tracing and logs', () => {
  let database: TestDatabase;
  let receiver: OtlpReceiver;
  let endpoint: string;
  let owner: Client;
  let api: TestApi | undefined;
  let apiProcess: ApiProcess | undefined;
  let worker: WorkerProcess | undefined;
  let queues: QueueService | undefined;

  beforeAll(async () => {
    buildApps();
    database = await createTestDatabase();
    owner = new Client({ connectionString: database.config.ownerUrl });
    await owner.connect();
    receiver = new OtlpReceiver();
    endpoint = await receiver.start();
  });

  afterEach(async () => {
    await worker?.kill();
    await apiProcess?.stop();
    await api?.stop();
    await queues?.beforeApplicationShutdown();
    worker = apiProcess = api = queues = undefined;
  });

  afterAll(async () => {
    await owner?.end();
    await receiver?.stop();
    await database?.drop();
  });

  /** createDataset over real HTTP with an X-Request-Id; resolves once the worker has run its audit job. */
  async function createDatasetAndWaitForItsJob(
    graphqlUrl: string,
    config: AppConfig,
    token: string,
    requestId: string,
  ) {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: 'mutation { createDataset(input: { name: "Traced", category: DANCE }) { id } }',
      }),
    });
    const body = (await res.json()) as { data?: { createDataset: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const datasetId = body.data!.createDataset.id;
    await waitFor(async () => {
      const { rows } = await owner.query('SELECT 1 FROM audit_events WHERE object_id = $1', [datasetId]);
      return rows.length ? true : undefined;
    }, 'the audit job to run');
    queues = new QueueService(config);
    const completed = await queues.queue(QueueName.AUDIT).getCompleted();
    const job = completed.find((j) => j.data.objectId === datasetId);
    expect(job).toBeDefined();
    return { res, job: job! };
  }

  it('links the GraphQL request, the enqueue and the worker job in one exported trace, and logs the ids', async () => {
    apiProcess = await spawnApiProcess(database, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    worker = await spawnWorkerProcess(apiProcess.config, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      LOG_LEVEL: 'info',
    });
    const tenant = await signUpTenant(apiProcess.graphqlUrl, 'traced');

    const requestId = `trace-test-${process.pid}`;
    const { res, job } = await createDatasetAndWaitForItsJob(
      apiProcess.graphqlUrl,
      apiProcess.config,
      tenant.token,
      requestId,
    );
    expect(res.headers.get('x-request-id')).toBe(requestId);
    // The job's data carries the producer's W3C context.
    expect(job.data.traceContext?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Graceful stops flush what the batch processors still hold.
    await stopGracefully(worker);
    await apiProcess.stop();
    const request = receiver.spans.find(
      (s) => s.service === 'loris-api' && s.name === 'mutation createDataset',
    );
    // Sign-up is audited too: its enqueue and job are another trace, so look in createDataset's.
    const inRequestTrace = (service: string, name: string) =>
      receiver.spans.find((s) => s.service === service && s.name === name && s.traceId === request?.traceId);
    const consumer = inRequestTrace('loris-worker', 'process audit');
    const producer = inRequestTrace('loris-api', 'publish audit');
    const spans = JSON.stringify(receiver.spans);
    expect({ consumer: !!consumer, producer: !!producer, request: !!request, spans }).toEqual({
      consumer: true,
      producer: true,
      request: true,
      spans,
    });
    expect(receiver.requests.every((r) => r.path === '/v1/traces')).toBe(true);
    expect(request!.kind).toBe(2 /* SERVER */);
    expect(producer!.kind).toBe(4 /* PRODUCER */);
    expect(consumer!.kind).toBe(5 /* CONSUMER */);
    expect(producer!.parentSpanId).toBe(request!.spanId);
    expect(consumer!.parentSpanId).toBe(producer!.spanId);
    expect(new Set([request!.traceId, producer!.traceId, consumer!.traceId]).size).toBe(1);
    expect(job.data.traceContext?.traceparent).toBe(`00-${producer!.traceId}-${producer!.spanId}-01`);

    // Every line either process printed is JSON; the job's worker lines carry its ids and its trace.
    const jobLines = jsonLines(worker.output()).filter((line) => line.jobId === String(job.id));
    expect(jobLines.length).toBeGreaterThan(0);
    for (const line of jobLines) {
      expect(line).toMatchObject({
        service: 'loris-worker',
        queue: 'audit',
        tenantId: tenant.tenantId,
        traceId: consumer!.traceId,
        spanId: consumer!.spanId,
      });
    }
    const apiLines = jsonLines(apiProcess.output());
    expect(apiLines.some((line) => line.msg === `GraphQL API on ${apiProcess!.graphqlUrl}`)).toBe(true);
  });

  it('gives an operation over the socket its own span and request id, as HTTP requests have', async () => {
    apiProcess = await spawnApiProcess(database, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    // The audit event is written by a worker.
    worker = await spawnWorkerProcess(apiProcess.config);
    const tenant = await signUpTenant(apiProcess.graphqlUrl, 'traced-ws');
    const created = subscribe<{ createDataset: { id: string } }>(
      wsClient(apiProcess.graphqlUrl, { token: tenant.token }),
      'mutation { createDataset(input: { name: "Over a socket", category: DANCE }) { id } }',
    );
    expect(await created.done).toEqual([]);
    await created.close();
    const datasetId = created.data[0].createDataset.id;
    // The audit event names the operation's request id, as it does an HTTP request's.
    const event = await waitFor(async () => {
      const { rows } = await owner.query('SELECT request_id FROM audit_events WHERE object_id = $1', [
        datasetId,
      ]);
      return rows[0] as { request_id: string | null } | undefined;
    }, 'the audit event of the socket mutation');
    expect(event.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    // The job it enqueued carries the trace of the publish span; that span's parent is the operation's.
    queues = new QueueService(apiProcess.config);
    const job = (await queues.queue(QueueName.AUDIT).getCompleted()).find(
      (j) => j.data.objectId === datasetId,
    );
    const [, traceId, publishSpanId] = job!.data.traceContext!.traceparent.split('-');
    await apiProcess.stop();
    const publish = receiver.spans.find((s) => s.spanId === publishSpanId);
    const parent = receiver.spans.find((s) => s.spanId === publish?.parentSpanId);
    const spans = JSON.stringify(receiver.spans.filter((s) => s.traceId === traceId));
    expect({ publish: publish?.name, parent: parent?.name, kind: parent?.kind, spans }).toEqual({
      publish: 'publish audit',
      parent: 'mutation createDataset',
      kind: 2 /* SERVER */,
      spans,
    });
  });

  it("answers a fresh X-Request-Id when the client's is not sane", async () => {
    api = await startTestApi({ database });
    const res = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(300) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('exports nothing and injects nothing without an endpoint, and still logs the job ids', async () => {
    const before = receiver.requests.length;
    api = await startTestApi({ database });
    worker = await spawnWorkerProcess(api.config, { LOG_LEVEL: 'info' });
    const tenant = await signUpTenant(api.graphqlUrl, 'untraced');
    const { job } = await createDatasetAndWaitForItsJob(
      api.graphqlUrl,
      api.config,
      tenant.token,
      `untraced-${process.pid}`,
    );
    expect(job.data.traceContext).toBeUndefined();
    await stopGracefully(worker);
    expect(receiver.requests.length).toBe(before);
    const jobLines = jsonLines(worker.output()).filter((line) => line.jobId === String(job.id));
    expect(jobLines.length).toBeGreaterThan(0);
    for (const line of jobLines) {
      expect(line).toMatchObject({ queue: 'audit', tenantId: tenant.tenantId });
      expect(line).not.toHaveProperty('traceId');
    }
  });
});
