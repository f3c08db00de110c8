// Speed of an evaluation's two halves on this machine (issue 15's benchmark), with the very functions the
// evaluate job calls: GenerationThread.generate (the worker's generation thread, as soundtrack jobs use it)
// and the scorer (analyseForScoring + scoreSample, libs/audio's onset detection and libs/metrics). Synthetic
// 25 s segments of libs/synth stand in for a frozen split (pose track + ground-truth music). Prints numbers;
// asserts nothing. The job adds a WAV put and two short transactions per sample on top (not measured here).
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { detectOnsets, writeWav } from '@loris/audio';
import { ModelThreads, type SamplerName } from '@loris/inference';
import { visualRhythm } from '@loris/rhythm';
import { generateSynthExample } from '@loris/synth';
import {
  analyseForScoring,
  scoreSample,
  SCORER_VERSION,
  SCORING_SAMPLE_RATE,
  toScoringRate,
} from '../src/evaluations/sample-scores';

interface Options {
  model: string;
  sampler: SamplerName;
  steps: number;
  seconds: number;
  samples: number;
  scoreRuns: number;
  guidance?: number;
}

function parse(argv: string[]): Options {
  const options: Options = {
    model: 'models/default',
    sampler: 'dpmpp-2m',
    steps: 20,
    seconds: 25,
    samples: 6,
    scoreRuns: 30,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--help') {
      process.stdout.write(
        'npm run bench:evaluate -- [--model DIR] [--sampler dpmpp-2m] [--steps 20] [--seconds 25] [--samples 6] [--score-runs 30] [--guidance G]\n',
      );
      process.exit(0);
    }
    if (flag === '--model') options.model = value;
    else if (flag === '--sampler') options.sampler = value as SamplerName;
    else if (flag === '--steps') options.steps = Number(value);
    else if (flag === '--seconds') options.seconds = Number(value);
    else if (flag === '--samples') options.samples = Number(value);
    else if (flag === '--score-runs') options.scoreRuns = Number(value);
    else if (flag === '--guidance') options.guidance = Number(value);
    else throw new Error(`unknown option ${flag}; --help lists them`);
  }
  return options;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** librosa's onset detection of the same clip, when LIBROSA_PYTHON names a Python with librosa. */
function librosaMs(wav: Uint8Array): string {
  const python = process.env.LIBROSA_PYTHON;
  if (!python) {
    return 'not measured: no librosa number is recorded in this repository; set LIBROSA_PYTHON=<python with librosa> to measure it';
  }
  const dir = mkdtempSync(join(tmpdir(), 'loris-eval-bench-'));
  try {
    const path = join(dir, 'clip.wav');
    writeFileSync(path, wav);
    const script = join(__dirname, '..', '..', '..', 'apps', 'cli', 'bench', 'librosa-onset-time.py');
    const run = spawnSync(python, [script, path], { encoding: 'utf8' });
    if (run.status !== 0) return `not measured: ${run.stderr.trim().split('\n').pop()}`;
    const result = JSON.parse(run.stdout) as { median: number };
    return `${fmt(result.median)} (median, librosa ${JSON.parse(run.stdout).librosa ?? '?'})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<void> {
  const options = parse(argv);
  const genres = ['House', 'Krump', 'Break', 'Pop', 'Lock', 'Waack'];
  const segments = Array.from({ length: options.samples }, (_, i) => {
    const example = generateSynthExample({
      genre: genres[i % genres.length],
      seconds: options.seconds,
      seed: 100 + i,
      fps: 30,
    });
    const groundTruth = toScoringRate({ samples: example.audio, sampleRate: example.sampleRate });
    return {
      genre: genres[i % genres.length],
      poses: Buffer.from(JSON.stringify(example.poses)),
      groundTruth,
      peaks: visualRhythm(example.poses, { variant: 'paper' }).peakTimes,
    };
  });
  process.stdout.write(
    `bench:evaluate on ${availableParallelism()} cores (load ${loadavg()[0].toFixed(2)}), scorer ${SCORER_VERSION}\n` +
      `model ${options.model}, ${options.sampler}, ${options.steps} steps, ${options.seconds} s, ${options.samples} samples\n`,
  );
  const threads = new ModelThreads({ executionProviders: ['cpu'] });
  try {
    const thread = await threads.get(options.model, { pinned: true });
    // One warm-up generation: the first run pays for session warm-up, which a worker pays once.
    await thread.generate({
      poses: segments[0].poses,
      genre: segments[0].genre,
      seconds: options.seconds,
      seed: 0,
      steps: options.steps,
      sampler: options.sampler,
      guidance: options.guidance,
    });
    const generateMs: number[] = [];
    const scoreMs: number[] = [];
    const started = performance.now();
    for (const [i, segment] of segments.entries()) {
      const t0 = performance.now();
      const soundtrack = await thread.generate({
        poses: segment.poses,
        genre: segment.genre,
        seconds: options.seconds,
        seed: i,
        steps: options.steps,
        sampler: options.sampler,
        guidance: options.guidance,
      });
      const t1 = performance.now();
      const truth = analyseForScoring(segment.groundTruth);
      const generated = analyseForScoring({ samples: soundtrack.audio, sampleRate: soundtrack.sampleRate });
      scoreSample(truth, generated, segment.peaks);
      const t2 = performance.now();
      writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] });
      generateMs.push(t1 - t0);
      scoreMs.push(t2 - t1);
    }
    const minutes = (performance.now() - started) / 60_000;
    process.stdout.write(
      `samples per minute: ${(options.samples / minutes).toFixed(2)} ` +
        `(generate median ${fmt(median(generateMs))}, score median ${fmt(median(scoreMs))} per sample)\n`,
    );
    // Scoring alone, many times, on the last generated-like input: both clips' onset detection and the scores.
    const truth = segments[0].groundTruth;
    const other = segments[1 % segments.length].groundTruth;
    const runs: number[] = [];
    const onsetRuns: number[] = [];
    for (let r = 0; r < options.scoreRuns; r++) {
      const t0 = performance.now();
      scoreSample(analyseForScoring(truth), analyseForScoring(other), segments[0].peaks);
      runs.push(performance.now() - t0);
      const t1 = performance.now();
      detectOnsets(truth.samples, SCORING_SAMPLE_RATE);
      onsetRuns.push(performance.now() - t1);
    }
    process.stdout.write(
      `scoring per ${options.seconds} s sample (both clips' onsets + BCS/BHS/F1 + strict F x2): median ${fmt(median(runs))}, ` +
        `p90 ${fmt([...runs].sort((a, b) => a - b)[Math.floor(0.9 * runs.length)])} over ${runs.length} runs (goal < 50 ms)\n` +
        `onset detection of one ${options.seconds} s clip: median ${fmt(median(onsetRuns))}; librosa: ` +
        librosaMs(writeWav({ sampleRate: SCORING_SAMPLE_RATE, channels: [truth.samples] })) +
        '\n',
    );
  } finally {
    await threads.close();
  }
}
