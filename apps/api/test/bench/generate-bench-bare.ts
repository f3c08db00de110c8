// The baseline of `npm run bench:generate`: generateSoundtrack (what `loris generate` and the worker run)
// for the same request, without the service, in a Node process of its own like the worker: the model is
// loaded once (as the worker keeps it), `warmup` uncounted runs (as the service gets warm-up requests), then
// the request runs `runs` times back to back.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPoses, type BenchRequest } from './generate-bench-request';

export interface BareRequest extends BenchRequest {
  modelDir: string;
  warmup: number;
  runs: number;
}

export interface BareResult {
  modelLoadMs: number;
  runsMs: number[];
  /** CPU time (user + system, all threads) of each measured run: steadier than wall time on a busy machine. */
  cpuMs: number[];
}

const ROOT = join(__dirname, '..', '..', '..', '..');
/** The child prints its result on one stdout line starting with this. */
export const RESULT_MARK = 'BARE_RESULT ';

/** Runs the baseline in a child process (generate-bench-bare-child.ts) and answers its timings. */
export function measureBare(request: BareRequest): Promise<BareResult> {
  const script =
    "require('./tools/bin/loris.js').registerTypeScript();" +
    `require('./apps/api/test/bench/generate-bench-bare-child.ts').bareChild(${JSON.stringify(JSON.stringify(request))})` +
    ".catch((e) => { process.stderr.write('bare generateSoundtrack failed: ' + e.message + '\\n'); process.exit(1); });";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_MARK.length)) as BareResult);
      else reject(new Error(`the bare generateSoundtrack runs failed (exit ${code}):\n${output}`));
    });
  });
}

/**
 * The literal baseline: the `loris generate` command for the same request, one whole process per
 * job (start-up, model load, generation, WAV written), timed from spawn to exit, `runs` times in a row.
 */
export async function measureCliCommand(request: BareRequest, runs: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'loris-bench-cli-'));
  try {
    const poses = join(dir, 'poses.json');
    await writeFile(poses, JSON.stringify(benchPoses(request, 0)));
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const args = [
        join(ROOT, 'tools', 'bin', 'loris.js'),
        'generate',
        '--poses',
        poses,
        '--genre',
        request.genre,
      ];
      args.push(
        '--seconds',
        String(request.seconds),
        '--steps',
        String(request.steps),
        '--seed',
        String(run),
      );
      args.push('--model', request.modelDir, '--out', join(dir, `out-${run}.wav`), '--json');
      const started = performance.now();
      const exit = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('exit', resolve);
      });
      if (exit !== 0) throw new Error(`loris generate exited with ${exit}`);
      times.push(performance.now() - started);
      process.stderr.write(`  loris generate ${run + 1}/${runs}: ${(times[run] / 1000).toFixed(2)} s\n`);
    }
    return times;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
