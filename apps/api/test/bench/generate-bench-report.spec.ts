import { cpuOverheadPct, FinishedJob, formatReport, percentile, summarize } from './generate-bench-report';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);

function job(
  id: string,
  created: number,
  started: number,
  finished: number,
  status = 'SUCCEEDED',
): FinishedJob {
  return {
    id,
    status,
    error: null,
    createdAt: at(created),
    startedAt: at(started),
    finishedAt: at(finished),
  };
}

describe('bench:generate numbers', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted on purpose
    expect(percentile(samples, 0.5)).toBe(10);
    expect(percentile(samples, 0.95)).toBe(19);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('measures queue wait, run time, throughput and the overhead against bare runs', () => {
    // One worker, three jobs queued at once, each running 10 s with 0.5 s hand-offs.
    const jobs = [job('a', 0, 0, 10), job('b', 0, 10.5, 20.5), job('c', 0, 21, 31)];
    const summary = summarize(
      jobs,
      [9.5, 9.6, 9.4].map((s) => s * 1000),
    );
    expect(summary.succeeded).toBe(3);
    expect(summary.queueWaitMs).toMatchObject({ p50: 10_500, p95: 21_000, n: 3 });
    expect(summary.runMs).toMatchObject({ p50: 10_000, p95: 10_000 });
    expect(summary.jobsPerMinute).toBeCloseTo((3 * 60) / 31, 6);
    expect(summary.wallMsPerJob).toBeCloseTo(31_000 / 3, 6);
    expect(summary.bareMs.p50).toBe(9500);
    expect(summary.overheadPct.runP50).toBeCloseTo((500 / 9500) * 100, 6);
    expect(summary.overheadPct.wallPerJob).toBeCloseTo(((31_000 / 3 - 9500) / 9500) * 100, 6);
  });

  it('leaves failed jobs out of the timings and lists them', () => {
    const failed: FinishedJob = {
      ...job('x', 0, 1, 2, 'FAILED'),
      error: { code: 'GENERATION_FAILED', message: '' },
    };
    const summary = summarize([job('a', 0, 0, 10), failed], [10_000]);
    expect(summary).toMatchObject({
      jobs: 2,
      succeeded: 1,
      failures: [{ id: 'x', code: 'GENERATION_FAILED' }],
    });
    expect(summary.runMs.n).toBe(1);
  });

  it('prints a table that says whether the goal was met', () => {
    const summary = summarize([job('a', 0, 0, 10.2)], [10_000], [11_000, 10_500]);
    const cpu = { api: 0.05, worker: 9.85, bare: 9.5 };
    const text = formatReport({
      settings: { requests: 1 },
      summary,
      modelLoadMs: 800,
      cpuSecondsPerJob: cpu,
      cpuOverheadPct: cpuOverheadPct(cpu),
      pose: null,
      loadAverage: { bare: 1, service: 2, pose: null },
      goal: {
        overheadPct: 5,
        met: summary.overheadPct.runP50 < 5,
        metVsCli: summary.overheadPct.runP50VsCli < 5,
      },
    });
    expect(text).toMatch(/run time \(started -> finished\)\s+p50 10\.20 s/);
    expect(text).toMatch(/service overhead per job: run time p50\s+\+2\.0% vs bare p50/);
    expect(text).toMatch(/goal: under 5% \(run time p50 vs bare p50\)\s+met/);
    // The command's p50 (nearest rank of 10.5 s and 11 s) includes start-up and model load.
    expect(summary.cliMs).toMatchObject({ p50: 10_500, n: 2 });
    expect(text).toMatch(/service run time p50 vs the command\s+-2\.9% vs loris generate p50/);
    expect(text).toMatch(/goal: under 5% \(run time p50 vs the command\)\s+met/);
    expect(text).toMatch(/overhead per job: CPU \(API \+ worker\)\s+\+4\.2% vs bare p50/);
  });
});
