// tools/supervise.js keeps `npm start`'s three processes together (issue 12, defect 8): when one exits, the
// others and everything they started are stopped, and the supervisor exits non-zero. Real processes here
// (sh and sleep), standing in for the API, the worker and `npm run web:start` -> `next start` -> next-server.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(30_000);

const { groupAlive } = require('./supervise.js') as { groupAlive: (pgid: number) => boolean };

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'loris-supervise-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A long-running command that records its pid, and with `grandchild` the pid of a child it starts too. */
function sleeper(name: string, { grandchild = false, ignoreTerm = false } = {}): string {
  const trap = ignoreTerm ? `trap '' TERM; ` : '';
  const child = grandchild ? `sleep 300 & echo $! > ${dir}/${name}.child.pid; ` : '';
  return `${name}=${trap}echo $$ > ${dir}/${name}.pid; ${child}sleep 300 & wait`;
}

function pidsWritten(): number[] {
  return ['api', 'worker', 'web', 'web.child']
    .map((file) => join(dir, `${file}.pid`))
    .filter(existsSync)
    .map((file) => Number(readFileSync(file, 'utf8').trim()));
}

/** Alive means running: a zombie waiting for a reaper that never comes does not count. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(probe: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runSupervisor(args: string[]) {
  const child = spawn('node', [join(__dirname, 'supervise.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
    const started = Date.now();
    child.on('exit', (code) => resolve({ code, ms: Date.now() - started }));
  });
  return { child, exited, output: () => output };
}

describe('tools/supervise.js', () => {
  it('stops the others, and what they started, when one exits, then exits non-zero', async () => {
    const supervisor = runSupervisor([
      '--grace-ms',
      '5000',
      sleeper('api'),
      `worker=echo $$ > ${dir}/worker.pid; sleep 1; exit 0`,
      sleeper('web', { grandchild: true }),
    ]);
    await until(() => pidsWritten().length === 4, 10_000);
    const pids = pidsWritten();

    const { code, ms } = await supervisor.exited;
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(supervisor.output()).toMatch(/worker exited \(code 0\); stopping the others/);
    expect(pids.filter(running)).toEqual([]);
  });

  it('kills a group that ignores SIGTERM once the grace period is over', async () => {
    const supervisor = runSupervisor([
      '--grace-ms',
      '500',
      sleeper('api', { ignoreTerm: true }),
      `worker=echo $$ > ${dir}/worker.pid; exit 3`,
    ]);
    const { code } = await supervisor.exited;
    expect(code).toBe(1);
    expect(supervisor.output()).toMatch(/api did not stop in 500 ms: killed/);
    expect(pidsWritten().filter(running)).toEqual([]);
  });

  it('stops every group on SIGTERM and exits non-zero', async () => {
    const supervisor = runSupervisor([sleeper('api'), sleeper('web', { grandchild: true })]);
    await until(() => pidsWritten().length === 3, 10_000);
    const pids = pidsWritten();
    supervisor.child.kill('SIGTERM');
    expect((await supervisor.exited).code).toBe(143);
    expect(pids.filter(running)).toEqual([]);
    expect(groupAlive(pids[0])).toBe(false);
  });
});
