// `npm run bench:generate` (issue 6, "Benchmark"): the soundtrack service under load. The built API and ONE
// worker process on a fresh database and tenant; `count` pose-track requests (libs/synth) from `concurrency`
// clients, each waiting for its job over the API; then queue wait and run time (p50, p95), jobs per minute,
// and the service's overhead per job against bare generateSoundtrack for the same request, run `bare-runs`
// times in processes of its own, before and after the service. Last, MoveNet pose estimation frames per second
// on a video of `pose-seconds`. Prints numbers (a table, or --json); asserts nothing.
import { InvalidArgumentError, Command } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BareResult, measureBare, measureCliCommand } from './generate-bench-bare';
import { benchTenant, BenchRequest, runClients } from './generate-bench-clients';
import { measurePoseEstimation } from './generate-bench-pose';
import {
  cpuOverheadPct,
  FinishedJob,
  formatReport,
  GenerateBenchReport,
  percentile,
  summarize,
} from './generate-bench-report';
import { ensureBuilt, startService } from './generate-bench-service';

const ROOT = join(__dirname, '..', '..', '..', '..');
// The issue's goal: the service adds under 5% to the bare generation time per job.
const OVERHEAD_GOAL_PCT = 5;

interface BenchOptions {
  count: number;
  concurrency: number;
  seconds: number;
  steps: number;
  genre: string;
  model: string;
  bareRuns: number;
  cliRuns: number;
  warmup: number;
  workerConcurrency: number;
  poseSeconds: number;
  json: boolean;
}

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer >= ${min}`);
    return n;
  };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('must be a number > 0');
  return n;
}

function parseOptions(argv: string[]): BenchOptions {
  const program = new Command('bench:generate')
    .description(
      'Soundtrack service benchmark: one API, one worker, concurrent clients, against bare generation',
    )
    .option('--count <n>', 'soundtrack requests in all', integer(1), 20)
    .option('--concurrency <n>', 'clients, each with one request in flight', integer(1), 4)
    .option('--seconds <s>', 'seconds of audio per request', positiveNumber, 25)
    .option('--steps <n>', "sampler steps per request (the model's sampler)", integer(1), 25)
    .option('--genre <name>', 'genre of every request', 'House')
    .option('--model <dir>', 'model directory (MODEL_DIR of the service)', 'models/default')
    .option('--bare-runs <n>', 'bare generateSoundtrack runs of the same request', integer(1), 3)
    .option('--cli-runs <n>', 'whole `loris generate` commands for the same request (0 skips)', integer(0), 2)
    .option(
      '--warmup <n>',
      'uncounted runs first, of the service (its model load) and of bare',
      integer(0),
      1,
    )
    .option(
      '--worker-concurrency <n>',
      'jobs the one worker runs at once (WORKER_CONCURRENCY)',
      integer(1),
      1,
    )
    .option('--pose-seconds <s>', 'length of the pose estimation video; 0 skips it', Number, 25)
    .option('--json', 'print the report as JSON')
    .parse(argv);
  const options = program.opts<BenchOptions>();
  if (!(Number.isFinite(options.poseSeconds) && options.poseSeconds >= 0)) {
    program.error('error: --pose-seconds must be a number >= 0');
  }
  return { ...options, json: Boolean(options.json), model: resolve(ROOT, options.model) };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** From the model card: the pose rate a video request estimates poses at, and the sampler requests get. */
function readModelCard(modelDir: string): { poseFps: number; sampler: string } {
  const path = join(modelDir, 'model.json');
  let card: { pose?: { fps?: unknown }; sampler?: { name?: unknown; steps?: unknown } };
  try {
    card = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  const poseFps = Number(card.pose?.fps);
  if (!(poseFps > 0)) throw new Error(`${path} has no pose.fps`);
  return {
    poseFps,
    sampler: `${card.sampler?.name} (the model's default; it defaults to ${card.sampler?.steps} steps)`,
  };
}

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const { poseFps, sampler } = readModelCard(options.model);
  const request: BenchRequest = { genre: options.genre, seconds: options.seconds, steps: options.steps };
  const settings = {
    requests: options.count,
    clients: options.concurrency,
    workerConcurrency: options.workerConcurrency,
    genre: options.genre,
    seconds: options.seconds,
    steps: options.steps,
    sampler,
    model: options.model,
    bareRuns: options.bareRuns,
    cliRuns: options.cliRuns,
    warmup: options.warmup,
    poseSeconds: options.poseSeconds,
    cpus: availableParallelism(),
  };
  log(
    `bench:generate: ${Object.entries(settings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  ensureBuilt();

  // Half the bare runs before the service and half after, so a change of the machine's load during the
  // bench weighs on both sides alike. Each is a fresh process: one model load and its own warm-up.
  const bareRuns = async (runs: number, when: string): Promise<BareResult> => {
    if (!runs) return { modelLoadMs: NaN, runsMs: [], cpuMs: [] };
    log(`bare generateSoundtrack ${when} the service: ${options.warmup} warm-up and ${runs} measured run(s)`);
    return measureBare({ ...request, modelDir: options.model, warmup: options.warmup, runs });
  };
  const bareBefore = await bareRuns(Math.ceil(options.bareRuns / 2), 'before');
  const loadBare = loadavg()[0];

  log('starting the API and one worker on a fresh database');
  const service = await startService({
    modelDir: options.model,
    workerConcurrency: options.workerConcurrency,
    maxConcurrentJobs: options.concurrency,
    maxSecondsPerMonth: (options.count + options.warmup) * options.seconds + 1,
  });
  let jobs: FinishedJob[];
  let serviceCpu: { api: number; worker: number };
  let loadService: number;
  try {
    const apiKey = await benchTenant(service.graphqlUrl);
    const run = { graphqlUrl: service.graphqlUrl, baseUrl: service.baseUrl, apiKey, request };
    if (options.warmup) {
      log(`${options.warmup} warm-up request(s)`);
      await runClients({ ...run, count: options.warmup, concurrency: 1 });
    }
    log(`${options.count} requests from ${options.concurrency} clients`);
    const cpuBefore = service.cpuSeconds();
    jobs = await runClients({
      ...run,
      count: options.count,
      concurrency: options.concurrency,
      onFinished: (job, done) => log(`  ${done}/${options.count} ${job.id} ${job.status}`),
    });
    const cpuAfter = service.cpuSeconds();
    serviceCpu = {
      api: (cpuAfter.api - cpuBefore.api) / jobs.length,
      worker: (cpuAfter.worker - cpuBefore.worker) / jobs.length,
    };
    loadService = loadavg()[0];
  } finally {
    await service.stop();
  }
  const bareAfter = await bareRuns(Math.floor(options.bareRuns / 2), 'after');
  let cliMs: number[] = [];
  if (options.cliRuns) {
    log(`${options.cliRuns} whole \`loris generate\` command(s) of the same request`);
    cliMs = await measureCliCommand(
      { ...request, modelDir: options.model, warmup: 0, runs: 0 },
      options.cliRuns,
    );
  }

  const summary = summarize(jobs, [...bareBefore.runsMs, ...bareAfter.runsMs], cliMs);
  const cpu = { ...serviceCpu, bare: percentile([...bareBefore.cpuMs, ...bareAfter.cpuMs], 0.5) / 1000 };
  const report: GenerateBenchReport = {
    settings,
    summary,
    modelLoadMs: bareBefore.modelLoadMs,
    cpuSecondsPerJob: cpu,
    cpuOverheadPct: cpuOverheadPct(cpu),
    pose: null,
    loadAverage: { bare: Math.max(loadBare, loadavg()[0]), service: loadService, pose: null },
    goal: {
      overheadPct: OVERHEAD_GOAL_PCT,
      met: summary.overheadPct.runP50 < OVERHEAD_GOAL_PCT,
      metVsCli: summary.overheadPct.runP50VsCli < OVERHEAD_GOAL_PCT,
    },
  };

  if (options.poseSeconds > 0) {
    log(`pose estimation on a ${options.poseSeconds} s video at ${poseFps} fps`);
    report.pose = await measurePoseEstimation(options.poseSeconds, poseFps);
    report.loadAverage.pose = loadavg()[0];
  }
  process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
}
