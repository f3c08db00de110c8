import { extname, join } from 'node:path';

/**
 * A worker thread's script beside the module that starts it: compiled JavaScript in dist/, TypeScript
 * when run from source (jest, sucrase), which then needs the same loader and path aliases in the thread.
 * `moduleFile` is the caller's __filename; `name` the script's name without extension.
 */
export function workerScript(moduleFile: string, name: string): { file: string; execArgv?: string[] } {
  const extension = extname(moduleFile);
  const file = join(moduleFile, '..', `${name}${extension}`);
  if (extension !== '.ts') return { file };
  return { file, execArgv: ['-r', 'sucrase/register/ts', '-r', 'tsconfig-paths/register'] };
}
