// `npm run bench:long` (issue 19, "Benchmark"): long soundtracks in windows that continue each other.
// 1. Time and peak memory (VmHWM of a child process per length) at 25, 100 and 300 s with the default
//    model, dpmpp-2m, 10 steps; the time per second of audio at 300 s against 100 s must be within 20%
//    (linear time), else the bench exits non-zero.
// 2. The seam score (libs/metrics) of 120 s outputs: spectral change across the seams against points
//    inside the windows, onset density and tempo jumps, and the strict onset F-measure against the visual
//    rhythm for the whole output, near the seams and away from them.
import { spawnSync } from 'child_process';
import { join, resolve } from 'path';
import { generateSynthExample } from '@loris/synth';
import { generateSoundtrack, loadModel, prepareGeneration } from '@loris/inference';
import { rhythmPeakTimes, seamReport } from '../src/analysis/seam-report';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MODEL_DIR = join(REPO_ROOT, 'models', 'default');
const CHILD = join(REPO_ROOT, 'libs', 'inference', 'testing', 'long-request.child.ts');
const LOADER = join(REPO_ROOT, 'tools', 'bin', 'loris.js');
const STEPS = 10;
const SAMPLER = 'dpmpp-2m';
const LINEAR_TOLERANCE = 0.2;

interface ChildResult {
  samples: number;
  windows: number;
  generateMs: number;
  peakRssMb: number;
}

function runLength(seconds: number): ChildResult {
  const run = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(LOADER)}).registerTypeScript(); require(${JSON.stringify(CHILD)})`],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        LONG_SECONDS: String(seconds),
        LONG_STEPS: String(STEPS),
        LONG_SAMPLER: SAMPLER,
      },
    },
  );
  if (run.status !== 0) throw new Error(`the ${seconds} s child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildResult;
}

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export async function main(): Promise<void> {
  console.log(`bench:long: models/default, ${SAMPLER}, ${STEPS} steps, one child process per length`);
  console.log('length | windows | time   | s per s of audio | peak RSS');
  const perSecond = new Map<number, number>();
  for (const seconds of [25, 100, 300]) {
    const r = runLength(seconds);
    perSecond.set(seconds, r.generateMs / 1000 / seconds);
    console.log(
      `${String(seconds).padStart(4)} s | ${String(r.windows).padStart(7)} | ${(r.generateMs / 1000).toFixed(1).padStart(5)} s | ${(r.generateMs / 1000 / seconds).toFixed(4).padStart(16)} | ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  const ratio = (perSecond.get(300) ?? 0) / (perSecond.get(100) ?? 1);
  const linear = Math.abs(ratio - 1) <= LINEAR_TOLERANCE;
  console.log(
    `time per second of audio, 300 s / 100 s: ${ratio.toFixed(3)} (linear within ${LINEAR_TOLERANCE * 100}%: ${linear ? 'yes' : 'NO'})`,
  );

  console.log('\nseam score of 120 s outputs (spectral change in dB per log-mel band, 0.5 s each side):');
  const model = await loadModel(MODEL_DIR);
  try {
    for (const [genre, seed] of [
      ['House', 1],
      ['Break', 2],
    ] as const) {
      const poses = generateSynthExample({ genre, seconds: 120, seed }).poses;
      const request = { poses, genre, seconds: 120, steps: STEPS, sampler: SAMPLER, seed } as const;
      const soundtrack = await generateSoundtrack({ model, ...request });
      const rhythm = rhythmPeakTimes(model.contract, prepareGeneration(model.contract, request).conditions);
      const report = seamReport(soundtrack.audio, soundtrack.sampleRate, soundtrack.seams, rhythm);
      if (!report) throw new Error('a 120 s request should take several windows');
      const within =
        Math.abs(report.seamChange.mean - report.interiorChange.mean) <= report.interiorChange.sd;
      console.log(`${genre}, seed ${seed}: ${report.windows} windows, ${report.seams.length} seams`);
      console.log(
        `  spectral change: seams ${f3(report.seamChange.mean)} +- ${f3(report.seamChange.sd)}, inside windows ${f3(report.interiorChange.mean)} +- ${f3(report.interiorChange.sd)} (${report.interiorChange.points} points); z ${f3(report.spectralZ)}, percentile ${f3(report.seamPercentile)}; seams within the interior spread: ${within ? 'yes' : 'no'}`,
      );
      console.log(
        `  onset density jump (per s): seams ${f3(report.densityJump.seams)}, inside ${f3(report.densityJump.interior)}; tempo jump (BPM): seams ${f3(report.tempoJump.seams)}, inside ${f3(report.tempoJump.interior)}`,
      );
      console.log(
        `  strict onset F vs visual rhythm (70 ms): whole ${f3(report.rhythmF.whole)}, near seams ${f3(report.rhythmF.nearSeams)}, away from seams ${f3(report.rhythmF.awayFromSeams)}`,
      );
    }
  } finally {
    await model.release();
  }
  if (!linear) process.exitCode = 1;
}
