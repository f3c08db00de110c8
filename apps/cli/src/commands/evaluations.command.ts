import { Option, type Command } from 'commander';
import { CliError } from '../cli.error';
import { LorisApi } from '../api/api-client';
import { apiConnection, DEFAULT_API_URL } from '../api/api-connection';
import {
  comparisonCsv,
  comparisonText,
  compareEvaluations,
  getEvaluation,
  startEvaluation,
  type EvaluationRow,
} from '../evaluations/evaluations-api';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

interface ApiOptions {
  api?: string;
  json?: boolean;
}

interface StartOptions extends ApiOptions {
  models: string;
  datasetVersion: string;
  split?: string;
  sampler?: string;
  steps?: string;
  guidance?: string;
  seeds?: string;
  wait?: boolean;
}

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const POLL_MS = 2000;

function number(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new CliError('INVALID_ARGUMENT', `${flag} must be a number, got "${text}"`);
  return value;
}

function list(text: string, flag: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new CliError('INVALID_ARGUMENT', `${flag} must list at least one value`);
  return items;
}

function describe(run: EvaluationRow): string {
  return formatKeyValues([
    ['evaluation', run.id],
    ['status', run.errorCode ? `${run.status} (${run.errorCode}: ${run.errorMessage})` : run.status],
    ['progress', `${run.doneSamples} of ${run.totalSamples} samples`],
    ['data', `${run.datasetName} v${run.datasetVersionNumber}, ${run.split} split`],
    ['sampler', `${run.sampler}, ${run.steps} steps, guidance ${run.guidance}, seeds ${run.seeds.join(',')}`],
    ['models', run.models.map((m) => m.label).join('; ')],
    ['scorer', run.scorerVersion],
  ]);
}

async function start(options: StartOptions): Promise<void> {
  const api = new LorisApi(apiConnection(options.api));
  let run = await startEvaluation(api, {
    modelVersionIds: list(options.models, '--models'),
    datasetVersionId: options.datasetVersion,
    ...(options.split
      ? { split: options.split.toUpperCase() === 'VAL' ? 'VALID' : options.split.toUpperCase() }
      : {}),
    ...(options.sampler ? { sampler: options.sampler } : {}),
    ...(options.steps ? { steps: number(options.steps, '--steps') } : {}),
    ...(options.guidance ? { guidance: number(options.guidance, '--guidance') } : {}),
    ...(options.seeds
      ? { seeds: list(options.seeds, '--seeds').map((s) => number(s, '--seeds') as number) }
      : {}),
  });
  if (options.wait) {
    process.stderr.write(`evaluation ${run.id} queued: ${run.totalSamples} samples\n`);
    let last = -1;
    while (!FINISHED.includes(run.status)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      run = await getEvaluation(api, run.id);
      if (run.doneSamples !== last) process.stderr.write(`${run.doneSamples}/${run.totalSamples} samples\n`);
      last = run.doneSamples;
    }
    if (run.status !== 'SUCCEEDED') process.exitCode = 1;
  }
  writeOutput(Boolean(options.json), run, () => describe(run));
}

async function show(id: string, options: ApiOptions): Promise<void> {
  const run = await getEvaluation(new LorisApi(apiConnection(options.api)), id);
  writeOutput(Boolean(options.json), run, () => describe(run));
}

async function compare(ids: string[], options: ApiOptions & { csv?: boolean }): Promise<void> {
  const api = new LorisApi(apiConnection(options.api));
  if (options.csv) {
    process.stdout.write(await comparisonCsv(api, ids));
    return;
  }
  const table = await compareEvaluations(api, ids);
  writeOutput(Boolean(options.json), table, () => {
    const { headers, rows } = comparisonText(table);
    const notes = ['* best of its column (↑ higher is better, ↓ lower); scores x100', ...table.warnings];
    return `${formatTable(headers, rows)}\n${notes.join('\n')}`;
  });
}

const apiOption = () =>
  new Option(
    '--api <url>',
    `the LORIS API (default: $LORIS_API_URL, else ${DEFAULT_API_URL}); the key is $LORIS_API_KEY`,
  );

/** `loris evaluations start|show|compare`: evaluations through the API. */
export function registerEvaluationsCommand(program: Command): void {
  const evaluations = program
    .command('evaluations')
    .description('evaluate model versions on a frozen dataset version and compare them, through the API');
  evaluations
    .command('start')
    .description('generate and score every segment of a split with each version (OWNER or ENGINEER key)')
    .requiredOption('--models <ids>', 'model version ids, comma-separated (loris models list)')
    .requiredOption('--dataset-version <id>', 'a frozen dataset version')
    .option('--split <split>', 'test (default), val or train')
    .option('--sampler <name>', "default: the first model's card sampler")
    .option('--steps <n>', "sampler steps; default: the card's")
    .option('--guidance <g>', "guidance scale; default: the card's")
    .option('--seeds <list>', 'one sample per seed, comma-separated (default 0)')
    .option('--wait', 'wait for the evaluation to end, printing its progress')
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((options: StartOptions) => start(options));
  evaluations
    .command('show')
    .description('an evaluation: status, progress, settings, versions')
    .argument('<id>', "the evaluation's id")
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((id: string, options: ApiOptions) => show(id, options));
  evaluations
    .command('compare')
    .description("the paper-style table of evaluations (rows: versions), the console's, best marked")
    .argument('<ids...>', 'evaluation ids')
    .addOption(apiOption())
    .option('--json', 'print JSON instead of a table')
    .option('--csv', "print the CSV the console downloads (the API's /v1/evaluations/compare.csv)")
    .action((ids: string[], options: ApiOptions & { csv?: boolean }) => compare(ids, options));
}
