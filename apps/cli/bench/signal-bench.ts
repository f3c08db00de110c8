// Speed of the signal core on this machine (issue 3's benchmark): onset detection of one 25 s clip,
// visual rhythm of a 1500-frame pose track, the benchmark scores of 100 pairs of 25 s clips (onset
// detection of all 200 clips included), and the `loris` command's start-up. Prints numbers; asserts nothing.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import { basename, join } from 'path';
import { OnsetDetector, readWav } from '@loris/audio';
import { visualRhythm, type PoseTrack } from '@loris/rhythm';
import { analyzeClips } from '../src/analysis/clip-pool';
import { clipPaths, scorePairs, type AudioPair } from '../src/analysis/score-pairs';

const ROOT = join(__dirname, '..', '..', '..');
const AUDIO_DIR = join(ROOT, 'libs', 'audio', 'fixtures', 'audio');

interface Stats {
  median: number;
  p10: number;
  p90: number;
  runs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), runs: sorted.length };
}

function timeMs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function timeRuns(warmup: number, runs: number, work: () => void): Stats {
  for (let i = 0; i < warmup; i++) work();
  return stats(Array.from({ length: runs }, () => timeMs(work)));
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(56)} ${value}\n`);
}

function describe(s: Stats, unit = 'ms', decimals = 2): string {
  const f = (v: number): string => v.toFixed(decimals);
  return `${f(s.median)} ${unit} median (p10 ${f(s.p10)}, p90 ${f(s.p90)}, ${s.runs} runs)`;
}

/** A deterministic 17-joint track: joints swaying at 30 fps with a movement accent on every beat. */
function syntheticTrack(frames: number, fps = 30, bpm = 112): PoseTrack {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const phases = Array.from({ length: 17 }, () => random() * 2 * Math.PI);
  const beatFrames = (60 / bpm) * fps;
  const keypoints = Array.from({ length: frames }, (_, t) => {
    const sinceBeat = t % beatFrames;
    const accent = sinceBeat < 3 ? 25 * (3 - sinceBeat) : 0;
    return phases.map((phase, j) => [
      960 + 40 * Math.sin((2 * Math.PI * t) / 45 + phase) + accent * Math.cos(phase) + random(),
      540 + 10 * j + 30 * Math.cos((2 * Math.PI * t) / 60 + phase) - accent + random(),
      0.5 + 0.5 * random(),
    ]);
  });
  return { fps, keypoints };
}

function benchOnsets(): void {
  const clip = join(AUDIO_DIR, 'music0.wav');
  const samples = readWav(readFileSync(clip)).channels[0];
  const detector = new OnsetDetector({ sampleRate: 22050 });
  line(
    'onset detection, one 25 s clip (decoded, 22050 Hz)',
    describe(timeRuns(20, 60, () => detector.analyze(samples))),
  );
  benchLibrosa(clip);
}

/**
 * The goal's yardstick measured here too, when LIBROSA_PYTHON names a Python with librosa (not a project
 * dependency): the same clip through librosa's onset_strength + onset_detect, one numpy thread.
 */
function benchLibrosa(clip: string): void {
  const python = process.env.LIBROSA_PYTHON;
  if (!python) {
    line('reference: librosa on the same clip', 'skipped (set LIBROSA_PYTHON to a Python with librosa)');
    return;
  }
  const run = spawnSync(python, [join(__dirname, 'librosa-onset-time.py'), clip], { encoding: 'utf8' });
  const last = run.stdout?.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    const why = run.error?.message ?? run.stderr?.trim().split('\n').pop() ?? `exit ${run.status}`;
    line('reference: librosa on the same clip', `failed: ${why}`);
    return;
  }
  const result = JSON.parse(last) as Stats & { librosa: string; numpy: string };
  line(`reference: librosa ${result.librosa} (numpy ${result.numpy}), same clip`, describe(result));
}

function benchRhythm(): void {
  const track = syntheticTrack(1500);
  for (const variant of ['paper', 'reference'] as const) {
    const result = timeRuns(50, 200, () => visualRhythm(track, { variant }));
    line(`visual rhythm, 1500-frame track (${variant})`, describe(result, 'ms', 3));
  }
}

/** 100 pairs over 200 distinct files (links to the fixture clips), so each clip is read and analysed. */
function linkedPairs(dir: string): AudioPair[] {
  const names = readdirSync(AUDIO_DIR)
    .filter((file) => file.endsWith('.wav'))
    .sort();
  const link = (k: number): string => {
    const path = join(dir, `clip${String(k).padStart(3, '0')}.wav`);
    symlinkSync(join(AUDIO_DIR, names[k % names.length]), path);
    return path;
  };
  return Array.from({ length: 100 }, (_, i) => {
    const gtPath = link(2 * i);
    const generatedPath = link(2 * i + 1);
    return { gt: basename(gtPath), generated: basename(generatedPath), gtPath, generatedPath };
  });
}

async function benchPairs(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loris-bench-'));
  try {
    const pairs = linkedPairs(dir);
    const paths = clipPaths(pairs);
    const threads = availableParallelism();
    for (const count of [1, threads]) {
      const seconds: number[] = [];
      for (let run = 0; run < 3; run++) {
        const start = process.hrtime.bigint();
        const clips = await analyzeClips(paths, { threads: count });
        scorePairs(pairs, { toleranceMs: 70, clips });
        seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      }
      line(`scores of 100 pairs of 25 s clips, ${count} thread(s)`, describe(stats(seconds), 's', 3));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchStartup(): void {
  const bin = join(ROOT, 'tools', 'bin', 'loris.js');
  const run = (): number => timeMs(() => spawnSync(process.execPath, [bin, '--help'], { stdio: 'ignore' }));
  rmSync(join(ROOT, 'node_modules', '.cache', 'loris-cli'), { recursive: true, force: true });
  line('loris --help start-up, empty transpile cache', `${run().toFixed(0)} ms`);
  line('loris --help start-up, warm cache', describe(stats(Array.from({ length: 10 }, run)), 'ms', 0));
  line(
    'node -e 0 (for comparison)',
    describe(
      stats(Array.from({ length: 10 }, () => timeMs(() => spawnSync(process.execPath, ['-e', '0'])))),
      'ms',
      0,
    ),
  );
}

export async function main(): Promise<void> {
  process.stdout.write(
    `signal benchmark: node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}\n`,
  );
  benchOnsets();
  benchRhythm();
  await benchPairs();
  benchStartup();
}
