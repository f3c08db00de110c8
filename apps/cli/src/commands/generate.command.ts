import { existsSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeWav } from '@loris/audio';
import {
  generateSoundtrack,
  InvalidRequestError,
  loadModel,
  MAX_REQUEST_SECONDS,
  parsePoseTrack,
  SAMPLER_NAMES,
  type SamplerName,
  type Soundtrack,
  type GenerationStep,
  prepareGeneration,
} from '@loris/inference';
import { rhythmPeakTimes, seamReport, type SeamReport } from '../analysis/seam-report';
import { aboutFile, CliError } from '../cli.error';
import { readInputFile } from '../io/read-input-file';
import { formatKeyValues } from '../output/table.output';
import { writeOutput } from '../output/write-output';

/** What `loris generate --json` prints (issue 5, item 6). */
export interface GenerateOutput {
  out: string;
  seconds: number;
  sampleRate: number;
  seed: number;
  steps: number;
  sampler: SamplerName;
  modelVersion: string;
  elapsedMs: number;
  /** Windows the soundtrack was generated in (1 when it fits in the model's window). */
  windows: number;
  /** How audible the joints are (libs/metrics seamScore); null for one window, and without --json. */
  seamScore: SeamReport | null;
}

interface GenerateOptions {
  poses: string;
  genre: string;
  /** Default: the track's duration, capped at MAX_REQUEST_SECONDS (libs/inference decides). */
  seconds?: number;
  seed: number;
  steps?: number;
  sampler?: SamplerName;
  guidance?: number;
  model?: string;
  out: string;
  json?: boolean;
}

const DEFAULT_MODEL = join('models', 'default');

function parseNumber(kind: 'integer' | 'number', min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    const ok =
      value.trim() !== '' && Number.isFinite(parsed) && (kind === 'number' || Number.isInteger(parsed));
    if (!ok || parsed < min)
      throw new InvalidArgumentError(`expected ${kind === 'integer' ? 'an integer' : 'a number'} >= ${min}`);
    return parsed;
  };
}

/**
 * `models/default` relative to the working directory, or else to the checkout the CLI runs from, so
 * `npx loris generate` works from any folder of the repository.
 */
export function defaultModelDir(): string {
  const local = resolve(DEFAULT_MODEL);
  if (existsSync(join(local, 'model.json'))) return local;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULT_MODEL, 'model.json'))) return join(dir, DEFAULT_MODEL);
  }
  return local;
}

/** A one-line progress bar redrawn in place on stderr (only when stderr is a terminal). */
function progressBar(started: number): (info: GenerationStep) => void {
  const width = 30;
  return ({ step, steps, window, windows }) => {
    const done = Math.round(((window * steps + step + 1) / (windows * steps)) * width);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    const where = windows > 1 ? `window ${window + 1} of ${windows}, ` : '';
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${where}step ${step + 1}/${steps}  ${elapsed} s`,
    );
    if (window + 1 === windows && step + 1 === steps) process.stderr.write('\n');
  };
}

/**
 * The pose file parsed and checked as generation will (libs/inference: a byte-order mark is dropped),
 * before the model loads, so a bad file is named at once. Text that is not JSON is INVALID_JSON, as in the
 * other commands.
 */
function readPoseFile(file: string): unknown {
  const bytes = readInputFile(file);
  return aboutFile(file, () => {
    try {
      return parsePoseTrack(bytes);
    } catch (error) {
      // The one InvalidRequestError of parsePoseTrack: the text is not JSON.
      if (error instanceof InvalidRequestError) throw new CliError('INVALID_JSON', error.message, file);
      throw error;
    }
  });
}

function readable(output: GenerateOutput, soundtrack: Soundtrack): string {
  return formatKeyValues([
    ['out', output.out],
    // The default length is the track's, often a fraction such as 3.3333333333333335 s.
    ['length', `${Number(output.seconds.toFixed(3))} s at ${output.sampleRate} Hz`],
    ['model', output.modelVersion],
    [
      'sampler',
      `${output.sampler}, ${output.steps} steps, guidance ${soundtrack.guidance}, seed ${output.seed}`,
    ],
    ['time', `${(output.elapsedMs / 1000).toFixed(1)} s`],
  ]);
}

async function generate(options: GenerateOptions): Promise<void> {
  const started = Date.now();
  const poses = readPoseFile(options.poses);
  const modelDir = options.model ?? defaultModelDir();
  const model = await loadModel(modelDir);
  try {
    const soundtrack = await generateSoundtrack({
      model,
      poses,
      genre: options.genre,
      seconds: options.seconds,
      seed: options.seed,
      steps: options.steps,
      sampler: options.sampler,
      guidance: options.guidance,
      onStep: process.stderr.isTTY ? progressBar(started) : undefined,
    });
    const wav = writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] }, 'pcm16');
    try {
      writeFileSync(options.out, wav);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown reason';
      throw new CliError('FILE_UNWRITABLE', `cannot write the WAV file (${code})`, options.out);
    }
    const elapsedMs = Date.now() - started;
    // Scored only for --json: it reads the whole output again (about 1 s per minute of audio).
    const seams =
      options.json && soundtrack.seams.length > 0
        ? seamReport(
            soundtrack.audio,
            soundtrack.sampleRate,
            soundtrack.seams,
            rhythmPeakTimes(
              model.contract,
              prepareGeneration(model.contract, { ...options, poses }).conditions,
            ),
          )
        : null;
    const output: GenerateOutput = {
      out: options.out,
      seconds: soundtrack.seconds,
      sampleRate: soundtrack.sampleRate,
      seed: soundtrack.seed,
      steps: soundtrack.steps,
      sampler: soundtrack.sampler,
      modelVersion: soundtrack.modelVersion,
      elapsedMs,
      windows: soundtrack.windows,
      seamScore: seams,
    };
    writeOutput(Boolean(options.json), output, () => readable(output, soundtrack));
  } finally {
    await model.release();
  }
}

/** `loris generate`: a soundtrack for a pose track with a LORIS model (ONNX, libs/inference). */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate a soundtrack (22050 Hz mono WAV) for a pose track with a LORIS model')
    .requiredOption(
      '--poses <poses.json>',
      'pose track {fps, keypoints: [T][17][3]} (COCO-17 x, y, confidence)',
    )
    .requiredOption('--genre <genre>', 'one of the model\'s genres, e.g. Break, House, "Ballet Jazz"')
    .option(
      '--seconds <s>',
      `length of the soundtrack in seconds (default: the pose track's duration, at most ${MAX_REQUEST_SECONDS})`,
      parseNumber('number', 0),
    )
    .option('--seed <n>', 'random seed: the same seed gives the same WAV', parseNumber('integer', 0), 0)
    .option(
      '--steps <n>',
      "sampler steps (default: the model's for its own sampler, 50 ADPM2 steps for the shipped one; else euler 50, heun 25, dpmpp-2m 20)",
      parseNumber('integer', 1),
    )
    .addOption(new Option('--sampler <name>', "sampler (default: the model's, adpm2)").choices(SAMPLER_NAMES))
    .option(
      '--guidance <w>',
      "classifier-free guidance scale (default: the model's, 20)",
      parseNumber('number', 0),
    )
    .option('--model <dir>', 'model directory with model.json and the ONNX files (default: models/default)')
    .requiredOption('--out <out.wav>', 'where to write the WAV file')
    .option('--json', 'print a JSON summary instead of text')
    .action((options: GenerateOptions) => generate(options));
}
