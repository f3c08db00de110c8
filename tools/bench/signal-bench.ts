// Speed of the signal core on this machine (issue 3's benchmark): onset detection of one 25 s clip,
// visual rhythm of a 1500-frame pose track, the benchmark scores of 100 pairs of 25 s clips (onset
// detection of all 200 clips included), and the `loris` command's start-up. Prints numbers; asserts nothing.
import { spawnSync } from 'child_process';
import { readFileSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { OnsetDetector, readWav } from '@loris/audio';
import { visualRhythm, type PoseTrack } from '@loris/rhythm';
import { analyzeAudio } from '../../apps/cli/src/analysis/clip-onsets';
import { scorePairs, type AudioPair } from '../../apps/cli/src/analysis/score-pairs';
import { decodeMonoAudio } from '../../apps/cli/src/io/load-audio';

const ROOT = join(__dirname, '..', '..');
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

function benchOnsets(bytes: Map<string, Uint8Array>): void {
  const samples = readWav(bytes.get('music0.wav') as Uint8Array).channels[0];
  const detector = new OnsetDetector({ sampleRate: 22050 });
  line(
    'onset detection, one 25 s clip (decoded, 22050 Hz)',
    describe(timeRuns(20, 60, () => detector.analyze(samples))),
  );
}

function benchRhythm(): void {
  const track = syntheticTrack(1500);
  for (const variant of ['paper', 'reference'] as const) {
    const result = timeRuns(50, 200, () => visualRhythm(track, { variant }));
    line(`visual rhythm, 1500-frame track (${variant})`, describe(result, 'ms', 3));
  }
}

function benchPairs(bytes: Map<string, Uint8Array>): void {
  const names = [...bytes.keys()].sort();
  // 200 distinct clip instances (a name plus an instance number), so every one is decoded and analysed.
  const pairs: AudioPair[] = Array.from({ length: 100 }, (_, i) => {
    const gt = `${names[(2 * i) % names.length]}#${2 * i}`;
    const generated = `${names[(2 * i + 1) % names.length]}#${2 * i + 1}`;
    return { gt, generated, gtPath: gt, generatedPath: generated };
  });
  const analyze = (path: string) => {
    const name = path.split('#')[0];
    return analyzeAudio(decodeMonoAudio(bytes.get(name) as Uint8Array, name));
  };
  scorePairs(pairs.slice(0, 5), { toleranceMs: 70, analyze });
  const seconds = Array.from(
    { length: 3 },
    () => timeMs(() => scorePairs(pairs, { toleranceMs: 70, analyze })) / 1000,
  );
  line('scores of 100 pairs of 25 s clips (200 clips analysed)', describe(stats(seconds), 's', 3));
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

export function main(): void {
  const bytes = new Map<string, Uint8Array>();
  for (const name of readdirSync(AUDIO_DIR).filter((file) => file.endsWith('.wav'))) {
    bytes.set(name, readFileSync(join(AUDIO_DIR, name)));
  }
  process.stdout.write(`signal benchmark: node ${process.version}, ${bytes.size} fixture clips\n`);
  benchOnsets(bytes);
  benchRhythm();
  benchPairs(bytes);
  benchStartup();
}
