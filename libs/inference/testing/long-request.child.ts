// A child process for the memory test of long requests (windowed-memory.spec.ts): generates one request
// with the shipped default model and prints its peak resident memory (VmHWM) as JSON. Run through the
// `loris` TypeScript loader: node -e "require('tools/bin/loris.js').registerTypeScript(); require(this)".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateSynthExample } from '@loris/synth';
import { generateSoundtrack, loadModel, type SamplerName } from '../src';

async function main(): Promise<void> {
  const seconds = Number(process.env.LONG_SECONDS ?? 300);
  const steps = Number(process.env.LONG_STEPS ?? 1);
  const sampler = (process.env.LONG_SAMPLER ?? 'euler') as SamplerName;
  const model = await loadModel(join(__dirname, '..', '..', '..', 'models', 'default'));
  const poses = generateSynthExample({ genre: 'House', seconds, seed: 4 }).poses;
  let windows = 0;
  const started = performance.now();
  const soundtrack = await generateSoundtrack({
    model,
    poses,
    genre: 'House',
    seconds,
    steps,
    sampler,
    onStep: (info) => (windows = info.windows),
  });
  const generateMs = performance.now() - started;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(
    `${JSON.stringify({ samples: soundtrack.audio.length, windows, generateMs, peakRssMb: Number(hwm?.[1]) / 1024 })}\n`,
  );
  await model.release();
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
