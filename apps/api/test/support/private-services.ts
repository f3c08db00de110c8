// Postgres and Redis instances of a test's own (initdb + pg_ctl on a temp directory, redis-server on a free
// port), for suites that kill and restart them: the shared services of the machine are never touched.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConfig, databaseConfigFromEnv, setupDatabase } from '@loris/db';

/** A port nothing listens on now (the kernel's pick for an ephemeral listener, closed again). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing answers on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// initdb and the server refuse to run as root: as root (CI's containers), run them as the postgres user.
const asRoot = process.getuid?.() === 0;
function postgresCommand(command: string, args: string[]): void {
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

export interface PrivatePostgres {
  port: number;
  /** The loris database on it, created and migrated with the app role, as createTestDatabase does. */
  database: DatabaseConfig;
  /** pg_ctl stop -m immediate: every backend dies at once, as in a crash; no clean shutdown. */
  crash(): void;
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): void;
}

/** A fresh cluster (trust auth, fsync off: it only has to survive the test), started and migrated. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'loris-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  postgresCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const pgCtl = (...args: string[]) => postgresCommand('pg_ctl', ['-D', data, ...args]);
  const start = async () => {
    pgCtl('-o', options, '-l', join(dir, 'server.log'), '-w', 'start');
    await waitForPort(port);
  };
  await start();
  const database = databaseConfigFromEnv({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/loris` });
  await setupDatabase(database);
  return {
    port,
    database,
    crash: () => pgCtl('-m', 'immediate', '-w', 'stop'),
    start,
    destroy() {
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGKILL: no save, no goodbye to clients. */
  kill(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * redis-server with an append-only file synced on every write, as a production Redis for Bull is run, so a
 * killed and restarted server still has every job it acknowledged.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'loris-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      // appendfsync always: every write Redis acknowledged is on disk before the reply.
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''].concat([
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
      ]),
      { stdio: 'ignore' },
    );
    await waitForPort(port);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
