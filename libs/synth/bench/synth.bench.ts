// Speed of the synthetic corpus: time to generate one 25 s example (per genre, in memory) and to write a
// whole corpus to disk as `loris synth dataset` does. Prints numbers; asserts nothing.
//   node -r sucrase/register/ts -r tsconfig-paths/register libs/synth/bench/synth.bench.ts [count] [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSynthExample, SYNTH_GENRES, writeSynthDataset } from '../src';

const count = Number(process.argv[2] ?? 300);
const seconds = Number(process.argv[3] ?? 25);
const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  // Warm-up: the first calls include compiling the sources and JIT.
  for (let i = 0; i < 3; i++) generateSynthExample({ genre: SYNTH_GENRES[i], seconds, seed: 1000 + i });
  console.log(`generate one ${seconds} s example (median of ${REPEATS}, in memory):`);
  const all: number[] = [];
  for (const genre of SYNTH_GENRES) {
    const times: number[] = [];
    for (let seed = 0; seed < REPEATS; seed++) {
      const started = performance.now();
      generateSynthExample({ genre, seconds, seed });
      times.push(performance.now() - started);
    }
    all.push(...times);
    console.log(`  ${genre.padEnd(18)} ${median(times).toFixed(1)} ms`);
  }
  console.log(
    `  ${'all genres'.padEnd(18)} ${median(all).toFixed(1)} ms (mean ${(all.reduce((a, b) => a + b) / all.length).toFixed(1)} ms)`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'synth-bench-'));
  try {
    const started = performance.now();
    await writeSynthDataset({ count, seconds, seed: 0 }, dir);
    const elapsed = performance.now() - started;
    console.log(`write a ${count}-example corpus (${seconds} s each, all files + manifest):`);
    console.log(`  ${(elapsed / 1000).toFixed(1)} s in all, ${(elapsed / count).toFixed(1)} ms per example`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
