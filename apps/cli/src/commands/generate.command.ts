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
import { estimatePoses, muxAudio } from '@loris/media';
import { rhythmPeakTimes, seamReport, type SeamReport } from '../analysis/seam-report';
import { aboutFile, CliError, isTypedError } from '../cli.error';
import { readInputFile, requireReadableFile } from '../io/read-input-file';
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
  /** With --video: the poses MoveNet found (frames at the model's pose rate, share with a person). */
  video: { file: string; frames: number; fps: number; personFound: number } | null;
  /** With --mp4: the video with the soundtrack muxed in. */
  mp4: string | null;
}

interface GenerateOptions {
  poses?: string;
  video?: string;
  mp4?: string;
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

/** What the model is conditioned on: a pose file as given, or the poses estimated from a video. */
interface Input {
  poses: unknown;
  video: GenerateOutput['video'];
}

/** Exactly one input, and --mp4 only where there is a video to put the music on: usage errors. */
function checkInputs(options: GenerateOptions): void {
  if (options.poses === undefined && options.video === undefined) {
    throw new CliError('INVALID_ARGUMENT', 'give the input as --poses <poses.json> or --video <file>');
  }
  if (options.mp4 !== undefined && options.video === undefined) {
    throw new CliError(
      'INVALID_ARGUMENT',
      '--mp4 puts the soundtrack on a video: give the video with --video',
    );
  }
}

/**
 * Poses of the dancer in `file`, as the worker estimates them for a video job (MoveNet at the model's pose
 * rate, the main person followed, refused when most frames show nobody): only the first `seconds` when
 * asked for, else up to the longest request.
 */
async function videoPoses(file: string, fps: number, seconds: number | undefined): Promise<Input> {
  requireReadableFile(file);
  const started = Date.now();
  const estimation = await estimatePoses(file, {
    fps,
    durationSeconds: seconds ?? MAX_REQUEST_SECONDS,
    onProgress: process.stderr.isTTY
      ? ({ done, total }) =>
          process.stderr.write(
            `\restimating poses: frame ${done}/${total}  ${((Date.now() - started) / 1000).toFixed(1)} s`,
          )
      : undefined,
  }).catch((error: unknown) => {
    if (isTypedError(error) && !error.file) throw new CliError(error.code, error.message, file);
    throw error;
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  return {
    poses: { fps: estimation.fps, keypoints: estimation.keypoints },
    video: {
      file,
      frames: estimation.keypoints.length,
      fps: estimation.fps,
      personFound: estimation.personFound,
    },
  };
}

function readable(output: GenerateOutput, soundtrack: Soundtrack): string {
  return formatKeyValues([
    ['out', output.out],
    ...(output.mp4 ? [['mp4', output.mp4] as [string, string]] : []),
    ...(output.video
      ? [
          [
            'poses',
            `${output.video.frames} frames at ${output.video.fps} fps from ${output.video.file}, ` +
              `a person in ${Math.round(output.video.personFound * 100)}%`,
          ] as [string, string],
        ]
      : []),
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
  checkInputs(options);
  // A bad pose file is named before the model loads; a video needs the model's pose rate first.
  const posesFile = options.poses !== undefined ? readPoseFile(options.poses) : undefined;
  const modelDir = options.model ?? defaultModelDir();
  const model = await loadModel(modelDir);
  try {
    const { poses, video }: Input =
      posesFile !== undefined
        ? { poses: posesFile, video: null }
        : await videoPoses(options.video!, model.contract.pose.fps, options.seconds);
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
    if (options.mp4 !== undefined) {
      await muxAudio(options.video!, options.out, options.mp4).catch((error: unknown) => {
        if (isTypedError(error) && !error.file) throw new CliError(error.code, error.message, options.mp4);
        throw error;
      });
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
      video,
      mp4: options.mp4 ?? null,
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
    .description(
      'generate a soundtrack (22050 Hz mono WAV) for a pose track or a video of a dancer with a LORIS model',
    )
    .addOption(
      new Option(
        '--poses <poses.json>',
        'pose track {fps, keypoints: [T][17][3]} (COCO-17 x, y, confidence)',
      ).conflicts('video'),
    )
    .option(
      '--video <file>',
      'a video of one dancer (any format ffmpeg reads): poses are estimated as the worker does (MoveNet)',
    )
    .option('--mp4 <out.mp4>', 'also write the video with the soundtrack muxed in (needs --video)')
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
