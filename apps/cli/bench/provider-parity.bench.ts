// `npm run bench:provider-parity`: does the same request and seed give the same soundtrack on onnxruntime's
// CUDA execution provider as on the CPU? Generates with the default model on both, for several seeds and
// genres, and prints per rendering whether the bytes are equal, the largest and RMS sample difference and
// the SNR of the CUDA rendering against the CPU's, plus the time each provider took. On a machine without
// the CUDA provider it says so and measures the CPU only: run it on a GPU host (docker/worker-gpu's image).
import { resolve } from 'path';
import { Command } from 'commander';
import { generateSoundtrack, loadModel, type LoadedModel } from '@loris/inference';
import { generateSynthExample } from '@loris/synth';
import { audioDifference } from './audio-difference';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

interface Options {
  model: string;
  seconds: number;
  count: number;
  steps?: number;
}

async function render(model: LoadedModel, seed: number, genre: string, options: Options) {
  const poses = generateSynthExample({ genre, seconds: options.seconds, seed }).poses;
  const started = performance.now();
  const soundtrack = await generateSoundtrack({
    model,
    poses,
    genre,
    seed,
    seconds: options.seconds,
    ...(options.steps ? { steps: options.steps } : {}),
  });
  return { audio: soundtrack.audio, ms: performance.now() - started };
}

export async function main(argv: string[]): Promise<void> {
  const options = new Command()
    .option('--model <dir>', 'model directory', resolve(REPO_ROOT, 'models/default'))
    .option('--seconds <s>', 'length of each soundtrack', Number, 25)
    .option('--count <n>', 'renderings (seeds 0..n-1, genres in turn)', Number, 4)
    .option('--steps <n>', "sampler steps (default: the model card's)", Number)
    .parse(argv)
    .opts<Options>();
  const cpu = await loadModel(options.model, { executionProviders: ['cpu'] });
  const cuda = await loadModel(options.model, { executionProviders: ['cuda'] });
  const onCuda = cuda.executionProviders[0] === 'cuda';
  console.log(
    `model ${cpu.contract.name} ${cpu.contract.version}, ${options.seconds} s, ${options.count} renderings`,
  );
  if (!onCuda) console.log(`CUDA: not measured here (${cuda.providerFallback ?? 'the CPU was chosen'})`);
  const genres = cpu.contract.genres;
  try {
    for (let seed = 0; seed < options.count; seed++) {
      const genre = genres[seed % genres.length];
      const a = await render(cpu, seed, genre, options);
      if (!onCuda) {
        console.log(`seed ${seed} ${genre}: cpu ${(a.ms / 1000).toFixed(2)} s`);
        continue;
      }
      const b = await render(cuda, seed, genre, options);
      const d = audioDifference(a.audio, b.audio);
      console.log(
        `seed ${seed} ${genre}: cpu ${(a.ms / 1000).toFixed(2)} s, cuda ${(b.ms / 1000).toFixed(2)} s, ` +
          `same bytes ${d.identical}, max |diff| ${d.maxAbsDiff.toExponential(2)}, ` +
          `rms ${d.rmsDiff.toExponential(2)}, snr ${d.snrDb.toFixed(1)} dB`,
      );
    }
  } finally {
    await Promise.all([cpu.release(), cuda.release()]);
  }
}
