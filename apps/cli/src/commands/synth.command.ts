import { Argument, InvalidArgumentError, type Command } from 'commander';
import {
  SYNTH_GENRES,
  writeSynthDataset,
  writeSynthExample,
  type WrittenSynthDataset,
  type WrittenSynthExample,
} from '@loris/synth';
import { CliError, isTypedError } from '../cli.error';
import { formatKeyValues } from '../output/table.output';
import { writeOutput } from '../output/write-output';

interface SynthOptions {
  genre?: string;
  danceGenre?: string;
  genres?: string[];
  crossGenre?: number;
  count?: number;
  seconds: number;
  seed: number;
  out: string;
  json?: boolean;
}

/** What `loris synth --json` prints for one example. */
export interface SynthExampleOutput extends WrittenSynthExample {
  elapsedMs: number;
}

/** What `loris synth dataset --json` prints. */
export interface SynthDatasetOutput extends WrittenSynthDataset {
  seconds: number;
  seed: number;
  elapsedMs: number;
  msPerExample: number;
}

function boundedNumber(integer: boolean, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (
      value.trim() === '' ||
      !Number.isFinite(parsed) ||
      (integer && !Number.isInteger(parsed)) ||
      parsed < min ||
      parsed > max
    ) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
    }
    return parsed;
  };
}

function genreList(value: string): string[] {
  return value
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** A failed write names the output folder; library errors (unknown genre, ...) pass through. */
async function writing<T>(out: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTypedError(error) && !(error as NodeJS.ErrnoException).syscall) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown reason';
    throw new CliError('FILE_UNWRITABLE', `cannot write the output folder (${code})`, out);
  }
}

/** One line redrawn in place on stderr while a corpus is written (only when stderr is a terminal). */
function progressLine(): (p: { done: number; total: number; id: string }) => void {
  const width = 30;
  return ({ done, total, id }) => {
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${id}`);
    if (done === total) process.stderr.write('\n');
  };
}

async function synthExample(options: SynthOptions): Promise<void> {
  if (!options.genre) {
    throw new CliError(
      'INVALID_ARGUMENT',
      `--genre is required for one example; valid genres: ${SYNTH_GENRES.map((g) => JSON.stringify(g)).join(', ')}`,
    );
  }
  if (options.count !== undefined || options.genres || options.crossGenre !== undefined) {
    throw new CliError(
      'INVALID_ARGUMENT',
      '--count, --genres and --cross-genre belong to `loris synth dataset`',
    );
  }
  const started = Date.now();
  const { genre, danceGenre, seconds, seed, out } = options;
  const written = await writing(out, () =>
    writeSynthExample({ genre: genre as string, danceGenre, seconds, seed }, out),
  );
  const output: SynthExampleOutput = { ...written, elapsedMs: Date.now() - started };
  writeOutput(Boolean(options.json), output, () =>
    formatKeyValues([
      ['out', output.dir],
      ['genre', output.genre],
      ...(output.danceGenre !== output.genre ? [['dance', output.danceGenre] as [string, string]] : []),
      ['seed', output.seed],
      ['length', `${output.seconds} s`],
      ['tempo', `${output.bpm} BPM`],
      ['accents', output.accents],
      ['files', Object.values(output.files).join(', ')],
      ['time', `${output.elapsedMs} ms`],
    ]),
  );
}

async function synthDataset(options: SynthOptions): Promise<void> {
  if (options.count === undefined)
    throw new CliError('INVALID_ARGUMENT', '`loris synth dataset` needs --count <n>');
  if (options.genre || options.danceGenre)
    throw new CliError(
      'INVALID_ARGUMENT',
      'use --genres <list> and --cross-genre <share> with `loris synth dataset`, not --genre or --dance-genre',
    );
  const started = Date.now();
  const { count, seconds, seed, out, genres, crossGenre } = options;
  const onProgress = process.stderr.isTTY ? progressLine() : undefined;
  const written = await writing(out, () =>
    writeSynthDataset({ count, seconds, seed, genres, crossGenre, onProgress }, out),
  );
  const elapsedMs = Date.now() - started;
  const output: SynthDatasetOutput = {
    ...written,
    seconds,
    seed,
    elapsedMs,
    msPerExample: elapsedMs / count,
  };
  writeOutput(Boolean(options.json), output, () =>
    formatKeyValues([
      ['out', output.dir],
      ['manifest', output.manifest],
      ['examples', `${output.count} x ${output.seconds} s, seed ${output.seed}`],
      ['splits', `train ${output.splits.train}, val ${output.splits.val}, test ${output.splits.test}`],
      ['genres', output.genres.join(', ')],
      ...(output.crossGenre
        ? [['dancers', `${output.crossGenreExamples} in another genre's style`] as [string, string]]
        : []),
      ['time', `${(elapsedMs / 1000).toFixed(1)} s (${output.msPerExample.toFixed(0)} ms per example)`],
    ]),
  );
}

/**
 * `loris synth`: the synthetic rhythmic corpus of libs/synth. `loris synth --genre <g> ...` writes one
 * example; `loris synth dataset --count <n> ...` a corpus in the trainer's manifest format. (One command
 * with a mode argument rather than a sub-command, so --seconds, --seed and --out mean the same in both.)
 */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .usage('--genre <genre> --out <dir> [options]  |  dataset --count <n> --out <dir> [options]')
    .description('synthetic dance + music examples: one (--genre) or a training corpus (dataset --count)')
    .addArgument(new Argument('[mode]', '"dataset" to write a corpus with a manifest').choices(['dataset']))
    .option('--genre <genre>', `one example of this genre: ${SYNTH_GENRES.join(', ')}`)
    .option('--count <n>', 'dataset: number of examples', boundedNumber(true, 1, 1_000_000))
    .option(
      '--genres <list>',
      'dataset: comma-separated genres to cycle through (default: all ten)',
      genreList,
    )
    .option('--dance-genre <genre>', "one example: the dancer moves in this genre's style (default: --genre)")
    .option(
      '--cross-genre <share>',
      "dataset: share of examples whose dancer moves in another genre's style than the music (default 0)",
      boundedNumber(false, 0, 1),
    )
    .option('--seconds <s>', 'length of each example in seconds', boundedNumber(false, 1, 600), 25)
    .option(
      '--seed <n>',
      'random seed: the same seed gives the same files',
      boundedNumber(true, 0, 0xffffffff),
      0,
    )
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--json', 'print a JSON summary instead of text')
    .action((mode: string | undefined, options: SynthOptions) =>
      mode === 'dataset' ? synthDataset(options) : synthExample(options),
    );
}
