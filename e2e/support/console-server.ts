import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitForHttp } from './wait-for-http';

export interface ConsoleServer {
  url: string;
  /** The `next start` process, e.g. to read its memory use from /proc. */
  pid: number;
  stop(): Promise<void>;
}

const repoRoot = join(__dirname, '..', '..');
const webRoot = join(repoRoot, 'apps', 'web');

// Runs the production console (`next start`) against the given API on a free port. It builds nothing:
// `npm run web:build` must have run, so a browser test never pays for a build it did not ask for.
export async function startConsole(apiUrl: string): Promise<ConsoleServer> {
  if (!existsSync(join(webRoot, '.next', 'BUILD_ID'))) {
    throw new Error('The console is not built: run `npm run web:build` before the end-to-end tests.');
  }
  const port = await freePort();
  const nextBin = join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(
    process.execPath,
    [nextBin, 'start', webRoot, '--port', String(port), '--hostname', '127.0.0.1'],
    {
      env: { ...process.env, API_URL: apiUrl, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = `next start exited (${signal ?? code}); its output:\n${output}`;
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/login`, { timeoutMs: 60_000, exited: () => exit });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid ?? 0, stop };
}
