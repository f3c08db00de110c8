// A real HTTP server speaking the few Kubernetes API endpoints the training backend calls (create, read,
// patch and delete Jobs; create and read Secrets; watch Jobs and pods as chunked JSON lines), for tests
// that exercise @kubernetes/client-node end to end without a cluster. It records every request, and the
// test moves the cluster's state (a pod pending, failing, succeeding) with setJob and setPod.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  body: unknown;
}

type Obj = {
  metadata: { name: string; uid?: string; labels?: Record<string, string> };
  [k: string]: unknown;
};
interface Watcher {
  res: ServerResponse;
  kind: 'jobs' | 'pods';
  matches: (o: Obj) => boolean;
}

export class KubeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly jobs = new Map<string, Obj>();
  readonly secrets = new Map<string, Obj>();
  readonly pods = new Map<string, Obj>();
  /** Answers forced for METHOD path (e.g. "POST /apis/batch/v1/namespaces/loris/jobs": 403). */
  readonly refuse = new Map<string, number>();
  /** Whether DELETE of a Job removes it at once (false: it lingers, as foreground deletion waits on pods). */
  deleteRemovesJob = true;
  private readonly watchers = new Set<Watcher>();
  private server!: Server;
  private uid = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A kubeconfig file naming this server, with a bearer token (checked on every request). */
  writeKubeconfig(path: string, url: string, namespace = 'loris'): void {
    writeFileSync(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'test', cluster: { server: url } }],
        users: [{ name: 'worker', user: { token: 'test-token' } }],
        contexts: [{ name: 'test', context: { cluster: 'test', user: 'worker', namespace } }],
        'current-context': 'test',
      }),
    );
  }

  setJob(name: string, status: unknown): void {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no Job ${name}`);
    job.status = status;
    this.notify('jobs', 'MODIFIED', job);
  }

  setPod(pod: Obj): void {
    const type = this.pods.has(pod.metadata.name) ? 'MODIFIED' : 'ADDED';
    this.pods.set(pod.metadata.name, pod);
    this.notify('pods', type, pod);
  }

  /** Ends every open watch, as the API server does at its timeout. */
  endWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  openWatches(kind: 'jobs' | 'pods'): number {
    return [...this.watchers].filter((w) => w.kind === kind).length;
  }

  private notify(kind: 'jobs' | 'pods', type: string, object: Obj): void {
    for (const w of this.watchers)
      if (w.kind === kind && w.matches(object)) w.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(recorded);
    if (req.headers.authorization !== 'Bearer test-token')
      return this.status(res, 401, 'Unauthorized', 'no token');
    const forced = this.refuse.get(`${recorded.method} ${recorded.path}`);
    if (forced)
      return this.status(res, forced, forced === 403 ? 'Forbidden' : 'Invalid', 'refused by the test');

    const m = /^\/(?:apis\/batch\/v1|api\/v1)\/namespaces\/([^/]+)\/(jobs|secrets|pods)(?:\/([^/]+))?$/.exec(
      url.pathname,
    );
    if (!m) return this.status(res, 404, 'NotFound', `no route ${url.pathname}`);
    const [, , kind, name] = m;
    const store = kind === 'jobs' ? this.jobs : kind === 'secrets' ? this.secrets : this.pods;

    if (req.method === 'GET' && !name && recorded.query.watch === 'true') {
      const field = recorded.query.fieldSelector?.replace(/^metadata\.name=/, '');
      const [labelKey, labelValue] = (recorded.query.labelSelector ?? '').split('=');
      const matches = (o: Obj) =>
        (!field || o.metadata.name === field) && (!labelKey || o.metadata.labels?.[labelKey] === labelValue);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      const watcher: Watcher = { res, kind: kind as 'jobs' | 'pods', matches };
      this.watchers.add(watcher);
      res.on('close', () => this.watchers.delete(watcher));
      for (const o of store.values())
        if (matches(o)) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
      return;
    }
    if (req.method === 'POST' && !name) {
      const body = recorded.body as Obj;
      if (store.has(body.metadata.name))
        return this.status(res, 409, 'AlreadyExists', `${kind} "${body.metadata.name}" already exists`);
      const created: Obj = { ...body, metadata: { ...body.metadata, uid: `uid-${++this.uid}` } };
      if (kind === 'secrets' && created.stringData) {
        // As the API server does: stringData is folded into data, base64-encoded.
        const data = Object.fromEntries(
          Object.entries(created.stringData as Record<string, string>).map(([k, v]) => [
            k,
            Buffer.from(v).toString('base64'),
          ]),
        );
        delete created.stringData;
        created.data = data;
      }
      store.set(created.metadata.name, created);
      if (kind === 'jobs') this.notify('jobs', 'ADDED', created);
      return this.json(res, 201, created);
    }
    const existing = name ? store.get(name) : undefined;
    if (!existing) return this.status(res, 404, 'NotFound', `${kind} "${name}" not found`);
    if (req.method === 'GET') return this.json(res, 200, existing);
    if (req.method === 'PATCH') {
      const patch = recorded.body as { spec?: Record<string, unknown> };
      existing.spec = { ...(existing.spec as object), ...patch.spec };
      this.notify('jobs', 'MODIFIED', existing);
      return this.json(res, 200, existing);
    }
    if (req.method === 'DELETE') {
      if (kind === 'jobs' && this.deleteRemovesJob) {
        store.delete(name);
        this.notify('jobs', 'DELETED', existing);
      }
      return this.json(res, 200, existing);
    }
    return this.status(res, 405, 'MethodNotAllowed', req.method ?? '');
  }

  private json(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private status(res: ServerResponse, code: number, reason: string, message: string): void {
    this.json(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
  }
}
