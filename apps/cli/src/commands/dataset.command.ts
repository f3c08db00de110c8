import { Option, type Command } from 'commander';
import { LorisApi } from '../api/api-client';
import { apiConnection, DEFAULT_API_URL } from '../api/api-connection';
import { CliError } from '../cli.error';
import { exportManifest, type ManifestExport } from '../dataset/export-manifest';
import { detectImportSource, unsupportedSource } from '../dataset/import-source';
import { importVideos, itemFailed, type ImportItem } from '../dataset/import-videos';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

interface ApiOptions {
  api?: string;
  json?: boolean;
}

interface ImportOptions extends ApiOptions {
  dataset: string;
  wait?: boolean;
}

interface ExportOptions extends ApiOptions {
  format: 'manifest' | 'loris';
  out: string;
}

/** What `loris dataset import --json` prints. */
export interface ImportOutput {
  dir: string;
  datasetId: string;
  waited: boolean;
  items: ImportItem[];
  /** Files in the folder not named as videos, left alone. */
  ignored: string[];
}

/** A file's state in words, for progress lines and the result table. */
export function describeItem(item: ImportItem): string {
  if (item.error) return `${item.status}: ${item.error.message} [${item.error.code}]`;
  if (item.status === 'INGESTING') return `INGESTING ${Math.floor(item.progress * 100)}%`;
  if (item.status === 'READY') return `READY, ${item.segments} segment${item.segments === 1 ? '' : 's'}`;
  return item.status;
}

function importTable(output: ImportOutput): string {
  const table = formatTable(
    ['file', 'video', 'result'],
    output.items.map((item) => [item.file, item.videoId ?? '-', describeItem(item)]),
  );
  const ignored = output.ignored.length
    ? `\nignored ${output.ignored.length} file(s) not named as videos: ${output.ignored.join(', ')}`
    : '';
  const next = output.waited ? '' : '\ningest runs on the server; follow it with --wait or in the console';
  return `${table}${ignored}${next}`;
}

async function importDataset(dir: string, options: ImportOptions): Promise<void> {
  const source = detectImportSource(dir);
  if (source.kind !== 'videos') throw unsupportedSource(source);
  const api = new LorisApi(apiConnection(options.api));
  const items = await importVideos(api, options.dataset, source.files, {
    wait: Boolean(options.wait),
    onProgress: (item) => process.stderr.write(`${item.file}: ${describeItem(item)}\n`),
  });
  const output: ImportOutput = {
    dir,
    datasetId: options.dataset,
    waited: Boolean(options.wait),
    items,
    ignored: source.ignored,
  };
  writeOutput(Boolean(options.json), output, () => importTable(output));
  const failed = items.filter(itemFailed).length;
  if (failed > 0) {
    throw new CliError(
      'IMPORT_INCOMPLETE',
      `${failed} of ${items.length} file(s) were not imported (see their errors above); the others were`,
      dir,
    );
  }
}

function exportSummary(output: ManifestExport): string {
  const lines = formatKeyValues([
    ['manifest', output.manifest],
    ['version', `${output.version.number} of dataset ${output.version.datasetId} (${output.version.id})`],
    [
      'examples',
      `${output.examples}: train ${output.splits.train}, val ${output.splits.val}, test ${output.splits.test}`,
    ],
    ['downloaded', `${(output.bytes / 1024 / 1024).toFixed(1)} MiB`],
  ]);
  const skipped = output.skipped.map((s) => `skipped segment ${s.id}: ${s.reason}`);
  return [lines, ...skipped].join('\n');
}

async function exportDataset(version: string, options: ExportOptions): Promise<void> {
  if (options.format === 'loris') {
    throw new CliError(
      'NOT_SUPPORTED',
      'exporting the LORIS release layout (--format loris) is not supported yet; use --format manifest',
    );
  }
  const api = new LorisApi(apiConnection(options.api));
  const output = await exportManifest(api, version, options.out, (done, total, skipped) => {
    if (skipped) process.stderr.write(`skipped segment ${skipped.id}: ${skipped.reason}\n`);
    if (process.stderr.isTTY)
      process.stderr.write(`\rexporting: segment ${done}/${total}${done === total ? '\n' : ''}`);
  });
  writeOutput(Boolean(options.json), output, () => exportSummary(output));
}

const apiOption = () =>
  new Option(
    '--api <url>',
    `the LORIS API (default: $LORIS_API_URL, else ${DEFAULT_API_URL}); the key is $LORIS_API_KEY`,
  );

/** `loris dataset import|export`: fill a dataset from a folder of videos; write a frozen version for training. */
export function registerDatasetCommand(program: Command): void {
  const dataset = program
    .command('dataset')
    .description(
      'curation through the API ($LORIS_API_URL, key in $LORIS_API_KEY): import videos, export versions',
    );
  dataset
    .command('import')
    .description(
      'upload a folder of videos into a dataset and queue their ingest (a manifest or LORIS-layout folder is not supported yet)',
    )
    .argument('<dir>', 'a folder of videos (.mp4, .mov, .avi, .mkv, .webm, ...)')
    .requiredOption('--dataset <id>', "the dataset's id")
    .option(
      '--wait',
      'follow every ingest to its end, printing progress (Ctrl-C stops following, not the ingest)',
    )
    .addOption(apiOption())
    .option('--json', 'print JSON instead of a table')
    .action((dir: string, options: ImportOptions) => importDataset(dir, options));
  dataset
    .command('export')
    .description("write a frozen dataset version as the trainer's manifest (manifest.jsonl and its files)")
    .argument('<version>', "the dataset version's id")
    .addOption(
      new Option('--format <format>', "manifest: the trainer's JSONL; loris: not supported yet")
        .choices(['manifest', 'loris'])
        .default('manifest'),
    )
    .requiredOption(
      '--out <dir>',
      'a new (or empty) folder to write; it appears only once the export is whole',
    )
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((version: string, options: ExportOptions) => exportDataset(version, options));
}
