import { Option, type Command } from 'commander';
import { DEFAULT_TOLERANCE_MS, reportedX100, type OnsetFMeasureSummary } from '@loris/metrics';
import { RHYTHM_VARIANTS, type RhythmVariant } from '@loris/rhythm';
import { analyzeClips } from '../analysis/clip-pool';
import {
  clipPaths,
  pairsFromDirectories,
  pairsFromJson,
  scorePairs,
  type AudioPair,
  type MetricsReport,
} from '../analysis/score-pairs';
import { CliError } from '../cli.error';
import { readJsonFile } from '../io/read-input-file';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

interface MetricsOptions {
  pairs?: string;
  audioDir?: string;
  gtDir?: string;
  generatedDir?: string;
  posesDir?: string;
  variant: RhythmVariant;
  toleranceMs: string;
  threads?: string;
  json?: boolean;
}

function parseTolerance(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliError(
      'INVALID_ARGUMENT',
      `--tolerance-ms must be a number of milliseconds > 0, got "${text}"`,
    );
  }
  return value;
}

function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new CliError('INVALID_ARGUMENT', `--threads must be a whole number >= 1, got "${text}"`);
  }
  return value;
}

function selectPairs(options: MetricsOptions): AudioPair[] {
  if (options.pairs !== undefined || options.audioDir !== undefined) {
    if (options.pairs === undefined || options.audioDir === undefined) {
      throw new CliError('INVALID_ARGUMENT', '--pairs and --audio-dir go together');
    }
    if (options.gtDir !== undefined || options.generatedDir !== undefined) {
      throw new CliError(
        'INVALID_ARGUMENT',
        'use either --pairs/--audio-dir or --gt-dir/--generated-dir, not both',
      );
    }
    return pairsFromJson(readJsonFile(options.pairs), options.pairs, options.audioDir);
  }
  if (options.gtDir === undefined || options.generatedDir === undefined) {
    throw new CliError(
      'INVALID_ARGUMENT',
      'give --pairs <pairs.json> --audio-dir <dir>, or --gt-dir <A> --generated-dir <B>',
    );
  }
  return pairsFromDirectories(options.gtDir, options.generatedDir, options.posesDir);
}

function prf(score: Pick<OnsetFMeasureSummary, 'precision' | 'recall' | 'fMeasure'>): string {
  return `${score.precision.toFixed(3)} / ${score.recall.toFixed(3)} / ${score.fMeasure.toFixed(3)}`;
}

function meanPrf(summary: OnsetFMeasureSummary): string {
  return prf({
    precision: summary.meanPrecision,
    recall: summary.meanRecall,
    fMeasure: summary.meanFMeasure,
  });
}

function readable(report: MetricsReport): string {
  const withRhythm = report.rhythm !== undefined;
  const pairs = formatTable(
    ['gt', 'generated', 'cover', 'hit', 'onset P', 'onset R', 'onset F', ...(withRhythm ? ['rhythm F'] : [])],
    report.pairs.map((p) => [
      p.gt,
      p.generated,
      p.cover,
      p.hit,
      p.strict.precision,
      p.strict.recall,
      p.strict.fMeasure,
      ...(withRhythm ? [p.rhythm ? p.rhythm.fMeasure : '-'] : []),
    ]),
  );
  const x100 = reportedX100(report.summary);
  const dash = (value: number | null): string | number => (value === null ? '-' : value);
  const summary = formatTable(
    ['BCS', 'CSD', 'BHS', 'HSD', 'F1'],
    [[x100.BCS, dash(x100.CSD), x100.BHS, dash(x100.HSD), x100.F1]],
    { decimals: 2 },
  );
  const { strict, rhythm } = report;
  const lines = [
    `${report.pairs.length} pair(s)`,
    pairs,
    '',
    'Benchmark scores (x100, as in the paper):',
    summary,
    '',
    'Onsets, generated vs ground truth:',
    formatKeyValues([
      ['tolerance', `±${strict.toleranceMs} ms`],
      ['pooled P / R / F', prf(strict)],
      ['mean P / R / F', meanPrf(strict)],
    ]),
  ];
  if (rhythm) {
    lines.push(
      '',
      `Onsets, generated vs visual rhythm peaks (${rhythm.variant} variant, ${rhythm.pairs} pair(s)):`,
      formatKeyValues([
        ['pooled P / R / F', prf(rhythm)],
        ['mean P / R / F', meanPrf(rhythm)],
      ]),
    );
  }
  return lines.join('\n');
}

/** `loris metrics`: BCS, CSD, BHS, HSD, F1 (paper section 4.2) and onset F-measure over pairs of WAV files. */
export function registerMetricsCommand(program: Command): void {
  program
    .command('metrics')
    .description(
      'benchmark rhythm scores (BCS, CSD, BHS, HSD, F1) and onset F-measure over (ground truth, generated) pairs',
    )
    .option(
      '--pairs <pairs.json>',
      'JSON list of {"gt": file, "generated": file, "poses"?: file}, names relative to --audio-dir',
    )
    .option('--audio-dir <dir>', 'directory holding the files named in --pairs')
    .option('--gt-dir <dir>', 'ground-truth WAV files, paired by name with --generated-dir')
    .option('--generated-dir <dir>', 'generated WAV files')
    .option(
      '--poses-dir <dir>',
      'pose track <name>.json of each generated file, to score onsets against the visual rhythm',
    )
    .addOption(
      new Option('--variant <variant>', 'visual rhythm variant for the poses')
        .choices(RHYTHM_VARIANTS)
        .default('paper'),
    )
    .option('--tolerance-ms <ms>', 'onset matching window for the strict score', String(DEFAULT_TOLERANCE_MS))
    .option('--threads <n>', 'worker threads for onset detection (default: the available CPUs)')
    .option('--json', 'print JSON (scores as fractions) instead of tables')
    .action(async (options: MetricsOptions) => {
      const toleranceMs = parseTolerance(options.toleranceMs);
      const threads = parseThreads(options.threads);
      const pairs = selectPairs(options);
      const clips = await analyzeClips(clipPaths(pairs), { threads });
      const report = scorePairs(pairs, { toleranceMs, rhythmVariant: options.variant, clips });
      writeOutput(Boolean(options.json), report, () => readable(report));
    });
}
