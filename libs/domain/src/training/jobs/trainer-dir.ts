import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * apps/trainer, where `python3 -m loris_trainer` runs: TRAINER_DIR when set (it must hold the package),
 * else found upwards from the working directory and from this file (the API and worker run from the
 * repository root; a built dist/ sits under it), so no setting is needed in development or CI.
 */
export function findTrainerDir(configured: string | undefined): string {
  const holds = (dir: string) => existsSync(join(dir, 'loris_trainer', '__main__.py'));
  if (configured) {
    const dir = resolve(configured);
    if (!holds(dir))
      throw new Error(`TRAINER_DIR=${configured} does not hold the trainer (loris_trainer/__main__.py)`);
    return dir;
  }
  for (const start of [process.cwd(), __dirname]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, 'apps', 'trainer');
      if (holds(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('the trainer (apps/trainer) was not found; set TRAINER_DIR to its folder');
}
