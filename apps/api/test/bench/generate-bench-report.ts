// The numbers of `npm run bench:generate`, computed from what the API reports for each job (createdAt,
// startedAt, finishedAt) and from the bare generateSoundtrack timings; and the table that prints them.

/** One job as the API reported it when it finished. */
export interface FinishedJob {
  id: string;
  status: string;
  error: { code: string; message: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface Spread {
  p50: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

export interface GenerateBenchSummary {
  jobs: number;
  succeeded: number;
  failures: { id: string; status: string; code: string | null }[];
  /** createdAt -> startedAt, ms. */
  queueWaitMs: Spread;
  /** startedAt -> finishedAt, ms: what the worker spends on one job. */
  runMs: Spread;
  /** Succeeded jobs per minute, from the first createdAt to the last finishedAt. */
  jobsPerMinute: number;
  /** The worker's busy span (first startedAt to last finishedAt) per job: run time plus hand-offs. */
  wallMsPerJob: number;
  bareMs: Spread;
  /** Whole `loris generate` processes for the same request (start-up and model load included). */
  cliMs: Spread;
  /**
   * How much longer the service takes per job, in percent: run time p50 and worker time per job against
   * the bare generateSoundtrack p50, and run time p50 against the `loris generate` command's p50.
   */
  overheadPct: { runP50: number; wallPerJob: number; runP50VsCli: number };
}

/** Nearest-rank percentile (the smallest value with at least q of the samples at or below it). */
export function percentile(samples: readonly number[], q: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function spread(samples: readonly number[]): Spread {
  return {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    min: samples.length ? Math.min(...samples) : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
    n: samples.length,
  };
}

const ms = (date: Date | null) => (date ? date.getTime() : NaN);
const percentOver = (value: number, base: number) => ((value - base) / base) * 100;

/** The service's numbers over the succeeded jobs, against the bare timings of the same request. */
export function summarize(
  jobs: readonly FinishedJob[],
  bareMs: readonly number[],
  cliMs: readonly number[] = [],
): GenerateBenchSummary {
  const done = jobs.filter((job) => job.status === 'SUCCEEDED' && job.startedAt && job.finishedAt);
  const first = Math.min(...done.map((job) => ms(job.createdAt)));
  const firstStart = Math.min(...done.map((job) => ms(job.startedAt)));
  const last = Math.max(...done.map((job) => ms(job.finishedAt)));
  const runMs = spread(done.map((job) => ms(job.finishedAt) - ms(job.startedAt)));
  const bare = spread(bareMs);
  const wallMsPerJob = done.length ? (last - firstStart) / done.length : NaN;
  return {
    jobs: jobs.length,
    succeeded: done.length,
    failures: jobs
      .filter((job) => !done.includes(job))
      .map((job) => ({ id: job.id, status: job.status, code: job.error?.code ?? null })),
    queueWaitMs: spread(done.map((job) => ms(job.startedAt) - ms(job.createdAt))),
    runMs,
    jobsPerMinute: done.length ? (done.length * 60_000) / (last - first) : 0,
    wallMsPerJob,
    bareMs: bare,
    cliMs: spread(cliMs),
    overheadPct: {
      runP50: percentOver(runMs.p50, bare.p50),
      wallPerJob: percentOver(wallMsPerJob, bare.p50),
      runP50VsCli: percentOver(runMs.p50, percentile(cliMs, 0.5)),
    },
  };
}

export interface PoseBenchResult {
  videoSeconds: number;
  fps: number;
  frames: number;
  loadSeconds: number;
  estimateSeconds: number;
  framesPerSecond: number;
  personFound: number;
}

/** CPU seconds per job: the API's and the worker's over the measured batch, and bare generation's p50. */
export interface CpuPerJob {
  api: number;
  worker: number;
  bare: number;
}

/** The service's CPU per job (API + worker) over bare generation's, in percent: holds on a busy machine. */
export const cpuOverheadPct = (cpu: CpuPerJob) => percentOver(cpu.api + cpu.worker, cpu.bare);

export interface GenerateBenchReport {
  settings: Record<string, string | number>;
  summary: GenerateBenchSummary;
  modelLoadMs: number;
  cpuSecondsPerJob: CpuPerJob;
  /** cpuOverheadPct(cpuSecondsPerJob). */
  cpuOverheadPct: number;
  pose: PoseBenchResult | null;
  loadAverage: { bare: number; service: number; pose: number | null };
  /** Judged on run time p50 against bare generateSoundtrack (the stricter baseline) and against the command. */
  goal: { overheadPct: number; met: boolean; metVsCli: boolean };
}

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const pct = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;

function row(label: string, value: string): string {
  return `${label.padEnd(44)} ${value}`;
}

/** The human-readable report. */
export function formatReport(report: GenerateBenchReport): string {
  const { summary: s, pose, cpuSecondsPerJob: cpu } = report;
  const settings = Object.entries(report.settings)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const lines = [
    `settings: ${settings}`,
    '',
    row('jobs', `${s.succeeded} of ${s.jobs} succeeded`),
    row(
      'queue wait (created -> started)',
      `p50 ${seconds(s.queueWaitMs.p50)}   p95 ${seconds(s.queueWaitMs.p95)}`,
    ),
    row('run time (started -> finished)', `p50 ${seconds(s.runMs.p50)}   p95 ${seconds(s.runMs.p95)}`),
    row(
      'throughput',
      `${s.jobsPerMinute.toFixed(2)} jobs/min (${seconds(s.wallMsPerJob)} of worker time per job)`,
    ),
    row(
      `bare generateSoundtrack (${s.bareMs.n} runs)`,
      `p50 ${seconds(s.bareMs.p50)}   p95 ${seconds(s.bareMs.p95)}   (model load ${seconds(report.modelLoadMs)}, not counted)`,
    ),
    row(
      `bare \`loris generate\` command (${s.cliMs.n} runs)`,
      s.cliMs.n
        ? `p50 ${seconds(s.cliMs.p50)}   p95 ${seconds(s.cliMs.p95)}   (whole process: start-up and model load included)`
        : 'not measured',
    ),
    row('service overhead per job: run time p50', `${pct(s.overheadPct.runP50)} vs bare p50`),
    row('service overhead per job: worker time', `${pct(s.overheadPct.wallPerJob)} vs bare p50`),
    row(
      'service run time p50 vs the command',
      s.cliMs.n ? `${pct(s.overheadPct.runP50VsCli)} vs loris generate p50` : 'not measured',
    ),
    row(
      `goal: under ${report.goal.overheadPct}% (run time p50 vs bare p50)`,
      report.goal.met ? 'met' : Number.isNaN(s.overheadPct.runP50) ? 'not measured' : 'NOT met',
    ),
    row(
      `goal: under ${report.goal.overheadPct}% (run time p50 vs the command)`,
      report.goal.metVsCli ? 'met' : s.cliMs.n ? 'NOT met' : 'not measured',
    ),
    row(
      'service overhead per job: CPU (API + worker)',
      `${pct(report.cpuOverheadPct)} vs bare p50 (API ${cpu.api.toFixed(2)} s, worker ${cpu.worker.toFixed(2)} s, ` +
        `bare ${cpu.bare.toFixed(2)} s)`,
    ),
  ];
  if (pose) {
    lines.push(
      row(
        `pose estimation (${pose.videoSeconds.toFixed(1)} s video at ${pose.fps} fps)`,
        `${pose.framesPerSecond.toFixed(1)} frames/s (${pose.frames} frames in ${pose.estimateSeconds.toFixed(1)} s, ` +
          `${(pose.videoSeconds / pose.estimateSeconds).toFixed(2)}x real time; MoveNet load ${pose.loadSeconds.toFixed(1)} s)`,
      ),
    );
  }
  const load = report.loadAverage;
  lines.push(
    row(
      'load average (1 min) at the end of each phase',
      `bare ${load.bare.toFixed(1)}, service ${load.service.toFixed(1)}` +
        (load.pose === null ? '' : `, pose ${load.pose.toFixed(1)}`),
    ),
  );
  for (const failure of s.failures)
    lines.push(`  job ${failure.id}: ${failure.status} ${failure.code ?? ''}`);
  return lines.join('\n');
}
