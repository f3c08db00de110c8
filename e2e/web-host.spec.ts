// `npm run web:start` (what `npm start` runs for the console) binds to WEB_HOST, 127.0.0.1 by default, like
// the API: issue 13 found it listening on every interface while the banner said 127.0.0.1. The kernel's own
// socket table (/proc/net/tcp, tcp6) says where a process listens, whatever addresses this machine has.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './support/free-port';
import { waitForHttp } from './support/wait-for-http';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '..');

/** Local addresses of the sockets listening on `port`, as "a.b.c.d" or "ipv6" (any IPv6 socket). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) !== port) continue;
      if (table.endsWith('6')) found.push('ipv6');
      // /proc/net/tcp holds the IPv4 address as a little-endian hex word.
      else
        found.push(
          (address.match(/../g) ?? [])
            .reverse()
            .map((b) => parseInt(b, 16))
            .join('.'),
        );
    }
  }
  return found;
}

/** Starts `npm run web:start` in a process group of its own (npm -> sh -> next -> next-server). */
async function webStart(env: NodeJS.ProcessEnv): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('npm', ['run', '--silent', 'web:start'], {
    cwd: repoRoot,
    env: { ...env, WEB_PORT: String(port), API_URL: 'http://127.0.0.1:9', NODE_ENV: 'production' },
    stdio: 'ignore',
    detached: true,
  });
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = `npm run web:start exited (${signal ?? code})`));
  await waitForHttp(`http://127.0.0.1:${port}/login`, { timeoutMs: 90_000, exited: () => exit });
  return { port, child };
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

let child: ChildProcess | undefined;
afterEach(() => stopGroup(child));

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'apps', 'web', '.next', 'BUILD_ID'))) {
    throw new Error('The console is not built: run `npm run web:build` before the end-to-end tests.');
  }
});

it('listens on 127.0.0.1 alone when WEB_HOST is unset', async () => {
  const env = { ...process.env };
  delete env.WEB_HOST;
  const started = await webStart(env);
  child = started.child;
  expect(listeningAddresses(started.port)).toEqual(['127.0.0.1']);
});

it('listens where WEB_HOST says (0.0.0.0 in the image and the cluster)', async () => {
  const started = await webStart({ ...process.env, WEB_HOST: '0.0.0.0' });
  child = started.child;
  expect(listeningAddresses(started.port)).toEqual(['0.0.0.0']);
});
