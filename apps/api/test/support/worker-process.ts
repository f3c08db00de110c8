import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { AppConfig } from '@loris/engine';

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed, for assertions and failure messages. */
  output(): string;
  /** Its health and metrics server, as it logged it (e.g. http://127.0.0.1:41234). */
  httpUrl: string;
  /** SIGKILL: no graceful shutdown, its Bull locks are left to expire. */
  kill(): Promise<void>;
}

/** Compiles the apps into dist/ (what `npm run worker:start` runs), so a spawned worker is the current code. */
export function buildApps(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

/**
 * The built worker as its own OS process, on the database, Redis prefix and settings of `config`, so a test
 * can kill it mid-job. Call buildApps() first. Resolves once it says it is processing.
 */
export async function spawnWorkerProcess(
  config: AppConfig,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn('node', ['-r', './tools/register-paths.js', 'dist/apps/worker/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: config.database.ownerUrl,
      DATABASE_APP_URL: config.database.appUrl,
      REDIS_URL: config.redis.url,
      REDIS_KEY_PREFIX: config.redis.keyPrefix,
      MODEL_DIR: config.soundtracks.modelDir,
      STORAGE_DIR: config.storage.env.STORAGE_DIR ?? '',
      STORAGE_URL: config.storage.env.STORAGE_URL ?? '',
      WORKER_LOCK_MS: String(config.worker.lockMs),
      WORKER_CONCURRENCY: String(config.worker.concurrency),
      WORKER_HTTP_PORT: String(config.worker.httpPort),
      WORKER_HTTP_HOST: config.worker.httpHost,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes('worker processing queues')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  await ready;
  const httpUrl = /worker HTTP on (http:\/\/[^\s"]+)/.exec(output)?.[1];
  if (!httpUrl) throw new Error(`the worker did not say where its HTTP server listens:\n${output}`);
  return {
    child,
    httpUrl,
    output: () => output,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
