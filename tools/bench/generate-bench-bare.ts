// The baseline of `npm run bench:generate`: generateSoundtrack (what `loris generate` and the worker run)
// for the same request, without the service, in a Node process of its own like the worker: the model is
// loaded once (as the worker keeps it), `warmup` uncounted runs (as the service gets warm-up requests), then
// the request runs `runs` times back to back.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateSoundtrack, loadModel } from '@loris/inference';
import { benchPoses, BenchRequest } from './generate-bench-clients';

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

const ROOT = join(__dirname, '..', '..');
const RESULT_MARK = 'BARE_RESULT ';

/** Runs the baseline in a child process and answers its timings. */
export function measureBare(request: BareRequest): Promise<BareResult> {
  const script =
    "require('./tools/bin/loris.js').registerTypeScript();" +
    `require('./tools/bench/generate-bench-bare.ts').bareChild(${JSON.stringify(JSON.stringify(request))});`;
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

/** The child's side: prints one result line on stdout. */
export async function bareChild(requestJson: string): Promise<void> {
  const request = JSON.parse(requestJson) as BareRequest;
  const loadStarted = performance.now();
  const model = await loadModel(request.modelDir);
  const modelLoadMs = performance.now() - loadStarted;
  const poses = benchPoses(request, 0);
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  try {
    for (let run = -request.warmup; run < request.runs; run += 1) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await generateSoundtrack({
        model,
        poses,
        genre: request.genre,
        seconds: request.seconds,
        steps: request.steps,
        seed: Math.max(0, run),
      });
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (run >= 0) {
        runsMs.push(ms);
        cpuMs.push((used.user + used.system) / 1000);
      }
      const label = run < 0 ? 'warm-up' : `${run + 1}/${request.runs}`;
      process.stderr.write(`  bare run ${label}: ${(ms / 1000).toFixed(2)} s\n`);
    }
  } finally {
    await model.release();
  }
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ modelLoadMs, runsMs, cpuMs })}\n`);
}
