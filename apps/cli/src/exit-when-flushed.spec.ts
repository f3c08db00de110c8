// Every `loris` command exits on its own once its output is out (issue 13: `loris metrics --pairs … --json`
// printed its result and then hung, 2 in 120 runs, in Node 20's shutdown, nodejs/node#54918). The real
// binary, as a user runs it, many times over.
import { spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeWav } from '@loris/audio';
import { REPO_ROOT } from './run-loris.testing';

const RUNS = 100;
// Two at a time: each run is a Node start-up (about 0.5 s here), and the machine has 2 shared cores.
const PARALLEL = 2;
const RUN_TIMEOUT_MS = 20_000;
jest.setTimeout(RUNS * RUN_TIMEOUT_MS);

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  ms: number;
}

function runLorisAsync(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'tools', 'bin', 'loris.js'), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: RUN_TIMEOUT_MS, // SIGTERM: a hung run ends with a signal, not a status
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, ms: Date.now() - started })),
  );
}

/** 1 s of clicks every 0.25 s from `offset` seconds: tiny, so a run costs its start-up and little more. */
function clicks(offset: number): Uint8Array {
  const rate = 22050;
  const samples = new Float32Array(rate);
  for (let time = offset; time < 0.95; time += 0.25) {
    const start = Math.round(time * rate);
    for (let i = 0; i < 200; i++) samples[start + i] = (i % 2 ? 0.8 : -0.8) * Math.exp(-i / 50);
  }
  return writeWav({ sampleRate: rate, channels: [samples] });
}

const dir = mkdtempSync(join(tmpdir(), 'loris-exit-'));
// Four pairs and --threads 2: the clips go to worker threads, where Node's shutdown deadlock lives.
const pairs = [0, 1, 2, 3].map((i) => ({ gt: `gt${i}.wav`, generated: `gen${i}.wav` }));
for (const { gt, generated } of pairs) {
  writeFileSync(join(dir, gt), clicks(0.1));
  writeFileSync(join(dir, generated), clicks(0.12));
}
const pairsFile = join(dir, 'pairs.json');
writeFileSync(pairsFile, JSON.stringify(pairs));
const metricsArgs = ['metrics', '--pairs', pairsFile, '--audio-dir', dir, '--json', '--threads', '2'];

describe('loris exits once its output is flushed', () => {
  it(`exits ${RUNS} runs of metrics --pairs … --json in a row, each with its whole result`, async () => {
    const exits: Exit[] = [];
    const started = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < RUNS) {
        next += 1;
        exits.push(await runLorisAsync(metricsArgs));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, lane));
    const seconds = (Date.now() - started) / 1000;
    const slowest = Math.max(...exits.map((e) => e.ms));
    process.stdout.write(
      `${RUNS} runs of loris metrics, ${PARALLEL} at a time: ${seconds.toFixed(1)} s, slowest ${slowest} ms\n`,
    );
    expect(exits.filter((e) => e.signal !== null)).toEqual([]);
    expect(exits.map((e) => e.status)).toEqual(Array(RUNS).fill(0));
    for (const { stdout } of exits) expect(JSON.parse(stdout).pairs).toHaveLength(pairs.length);
  });

  it('exits even when something still holds the event loop open after the output', async () => {
    // Stands in for a shutdown that never finishes: a timer nobody clears, loaded before the CLI. Without
    // an explicit exit the process would wait on it forever; with one it ends with the command's status.
    const holdOpen = join(dir, 'hold-open.js');
    // The main thread only: NODE_OPTIONS' --require also runs in the clip pool's worker threads.
    writeFileSync(holdOpen, "if (require('worker_threads').isMainThread) setInterval(() => {}, 1000);\n");
    const env = { ...process.env, NODE_OPTIONS: `--require ${holdOpen}` };
    const ok = await runLorisAsync(metricsArgs, env);
    expect(ok).toMatchObject({ status: 0, signal: null });
    expect(JSON.parse(ok.stdout).pairs).toHaveLength(pairs.length);
    const usage = await runLorisAsync(['metrics', '--no-such-option'], env);
    expect(usage).toMatchObject({ status: 2, signal: null });
  });
});
