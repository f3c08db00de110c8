import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..', '..');
const CHILD = join(REPO, 'libs', 'inference', 'testing', 'long-request.child.ts');

describe('memory of a long request', () => {
  it('generates 300 s with the default model under 1 GB of peak RSS, measured in a child process', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(REPO, 'tools', 'bin', 'loris.js'))}).registerTypeScript(); require(${JSON.stringify(CHILD)})`,
      ],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, LONG_SECONDS: '300', LONG_STEPS: '1' },
        timeout: 120_000,
      },
    );
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { samples: number; windows: number; peakRssMb: number };
    expect(result.samples).toBe(300 * 22050);
    expect(result.windows).toBeGreaterThan(50);
    expect(result.peakRssMb).toBeLessThan(1024);
  }, 150_000);
});
