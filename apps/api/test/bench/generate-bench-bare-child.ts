// The child process of the bench:generate baseline (started by measureBare in generate-bench-bare.ts): loads
// the model once, runs generateSoundtrack `warmup` times uncounted and `runs` times measured, and prints the
// timings on one stdout line. Kept apart so the bench's own process never loads onnxruntime.
import { generateSoundtrack, loadModel } from '@loris/inference';
import { BareRequest, RESULT_MARK } from './generate-bench-bare';
import { benchPoses } from './generate-bench-request';

/** Prints one result line on stdout; progress goes to stderr. */
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
