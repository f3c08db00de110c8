import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root: where `tools/bin/loris.js` and the trainer live. */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** How a process ended, as a user sees it. */
export interface ProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a process as a user starts it (from the repository root unless `cwd` says otherwise), without
 * blocking this one: the API a suite's CLI calls is served by the suite's own process, so a blocking spawn
 * would deadlock. `env` is added to this process's environment.
 */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ProcessRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, ...options.env },
        timeout: 480_000,
        maxBuffer: 16 << 20,
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * `loris <args> --api <apiBaseUrl>` with `apiKey`, as a user runs it; LORIS_API_URL is cleared so that
 * the caller's own environment cannot point the CLI elsewhere.
 */
export function runLoris(apiBaseUrl: string, apiKey: string, args: string[]): Promise<ProcessRun> {
  return runProcess(
    process.execPath,
    [join(REPO_ROOT, 'tools', 'bin', 'loris.js'), ...args, '--api', apiBaseUrl],
    {
      env: { LORIS_API_KEY: apiKey, LORIS_API_URL: '' },
    },
  );
}
