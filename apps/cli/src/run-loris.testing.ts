// Runs the real `loris` binary as a child process, as a user would, for the CLI's specs.
import { spawnSync } from 'child_process';
import { join } from 'path';

// Each run starts a Node process (and the first one in a fresh checkout transpiles the sources), so a
// spec that imports this gets more than jest's default 5 s per test.
jest.setTimeout(60_000);

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const AUDIO_FIXTURES = join(REPO_ROOT, 'libs', 'audio', 'fixtures');
export const METRICS_FIXTURES = join(REPO_ROOT, 'libs', 'metrics', 'fixtures');
export const RHYTHM_FIXTURES = join(REPO_ROOT, 'libs', 'rhythm', 'fixtures');

export interface LorisRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `env`, when given, is the child's whole environment (jest's process.env does not reach children). */
export function runLoris(args: readonly string[], env?: NodeJS.ProcessEnv): LorisRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'bin', 'loris.js'), ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A failed run must say what went wrong on one line of stderr, never with a stack trace. */
export function expectCleanFailure(run: LorisRun, status: number, message: RegExp): void {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
