// The service under `npm run bench:generate`: the built API and ONE built worker as their own processes
// (what `npm run api:start` / `worker:start` run), on a fresh database, a Redis key prefix and a local blob
// store of their own, all removed again by stop().
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/loris';
// The sources tsconfig.build.json compiles into dist/ (specs and test helpers excluded).
const BUILT_SOURCES = ['apps/api/src', 'apps/worker/src', 'libs'];
const NOT_BUILT = /\.(spec|test|testing)\.ts$/;

export interface ServiceOptions {
  modelDir: string;
  workerConcurrency: number;
  /** The tenant limits, raised to what the bench asks for so it never meets them. */
  maxConcurrentJobs: number;
  maxSecondsPerMonth: number;
}

export interface RunningService {
  baseUrl: string;
  graphqlUrl: string;
  /** CPU seconds (user + system) each process has used so far. */
  cpuSeconds(): { api: number; worker: number };
  stop(): Promise<void>;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Sources newer than their compiled file in dist/ (or not compiled yet). */
function staleSources(): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts') && !NOT_BUILT.test(entry.name) && path.includes('/src/')) {
        const built = join(ROOT, 'dist', relative(ROOT, path).replace(/\.ts$/, '.js'));
        let builtAt = 0;
        try {
          builtAt = statSync(built).mtimeMs;
        } catch {
          // Not built yet.
        }
        if (statSync(path).mtimeMs > builtAt) stale.push(relative(ROOT, path));
      }
    }
  };
  for (const dir of BUILT_SOURCES) walk(join(ROOT, dir));
  return stale;
}

/** Builds dist/ when a source is newer than its output, so the bench measures the code as it is. */
export function ensureBuilt(): void {
  const stale = staleSources();
  if (!stale.length) return;
  log(`building dist/ (${stale.length} source(s) newer than the build, e.g. ${stale[0]})`);
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status === 0) return;
  // tsc still emits JavaScript for files with type errors (e.g. someone's work in progress in another lib).
  const entry = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].find(
    (path) => !existsSync(join(ROOT, path)),
  );
  if (entry) throw new Error(`the build failed and ${entry} is missing; fix the errors above first`);
  log('tsc reported type errors (above); benchmarking the JavaScript it emitted');
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

/** A built app as a child process; its output is kept (and shown if it fails). */
function startApp(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', './tools/register-paths.js', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (data: Buffer) => {
    output = (output + data.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return NaN;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function dropDatabase(ownerUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const name = `loris_bench_generate_${process.pid}_${Date.now()}`;
  const ownerUrl = withDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, name);
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const storageDir = mkdtempSync(join(tmpdir(), 'loris-bench-generate-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: ownerUrl,
    ...(process.env.DATABASE_APP_URL
      ? { DATABASE_APP_URL: withDatabase(process.env.DATABASE_APP_URL, name) }
      : {}),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: name,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    RATE_LIMIT_MAX: '1000000000',
    MODEL_DIR: options.modelDir,
    STORAGE_DIR: storageDir,
    STORAGE_URL: '',
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    // Its health and metrics server on a free port, beside whatever else runs on this machine.
    WORKER_HTTP_PORT: '0',
    QUOTA_CONCURRENT_JOBS: String(options.maxConcurrentJobs),
    QUOTA_SECONDS_PER_MONTH: String(Math.ceil(options.maxSecondsPerMonth)),
  };
  const apps: { child: ChildProcess; output: () => string }[] = [];
  const cleanUp = async () => {
    await Promise.all(apps.map((app) => stopChild(app.child)));
    await dropDatabase(ownerUrl, name).catch((error: Error) =>
      log(`could not drop ${name}: ${error.message}`),
    );
    await deleteRedisKeys(redisUrl, name).catch((error: Error) => log(`Redis keys left: ${error.message}`));
    rmSync(storageDir, { recursive: true, force: true });
  };
  try {
    const setup = spawnSync(
      process.execPath,
      ['-r', './tools/register-paths.js', 'dist/libs/db/src/cli/db-setup.js'],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    if (setup.status !== 0) throw new Error(`database setup failed: ${setup.stderr || setup.stdout}`);
    const api = startApp('dist/apps/api/src/main.js', env);
    apps.push(api);
    const worker = startApp('dist/apps/worker/src/main.js', env);
    apps.push(worker);
    const baseUrl = `http://127.0.0.1:${port}`;
    const exited = (app: { child: ChildProcess; output: () => string }, label: string) => {
      if (app.child.exitCode === null) return false;
      throw new Error(`the ${label} exited (${app.child.exitCode}):\n${app.output()}`);
    };
    await waitUntil('the API to answer /healthz', async () => {
      exited(api, 'API');
      return fetch(`${baseUrl}/healthz`).then(
        (res) => res.ok,
        () => false,
      );
    });
    await waitUntil('the worker to process queues', () => {
      exited(worker, 'worker');
      return worker.output().includes('worker processing queues');
    });
    return {
      baseUrl,
      graphqlUrl: `${baseUrl}/graphql`,
      cpuSeconds: () => ({ api: cpuSecondsOf(api.child.pid), worker: cpuSecondsOf(worker.child.pid) }),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
