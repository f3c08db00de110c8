import { Option, type Command } from 'commander';
import { LorisApi } from '../api/api-client';
import { apiConnection, DEFAULT_API_URL } from '../api/api-connection';
import { CliError } from '../cli.error';
import { exportVersion, type VersionExport } from '../dataset/export-version';
import { readLorisLayout, readTrainerManifest, type ImportReading } from '@loris/domain/dataset-formats';
import { detectImportSource, type ImportSource } from '../dataset/import-source';
import { importSegments } from '../dataset/import-segments';
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
  tar?: string;
}

/** What `loris dataset import --json` prints. */
export interface ImportOutput {
  dir: string;
  /** What DIR was taken for: a folder of videos, the LORIS release layout, or our training manifest. */
  kind: ImportSource['kind'];
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
    [output.kind === 'videos' ? 'file' : 'item', 'video', 'result'],
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
  const api = new LorisApi(apiConnection(options.api));
  const progress = {
    wait: Boolean(options.wait),
    onProgress: (item: ImportItem) => process.stderr.write(`${item.file}: ${describeItem(item)}\n`),
  };
  const items =
    source.kind === 'videos'
      ? await importVideos(api, options.dataset, source.files, progress)
      : await importSegments(api, options.dataset, readSource(source), progress);
  const output: ImportOutput = {
    dir,
    kind: source.kind,
    datasetId: options.dataset,
    waited: Boolean(options.wait),
    items,
    ignored: source.kind === 'videos' ? source.ignored : [],
  };
  writeOutput(Boolean(options.json), output, () => importTable(output));
  const failed = items.filter(itemFailed).length;
  if (failed > 0) {
    const what = source.kind === 'videos' ? 'file(s)' : 'item(s)';
    throw new CliError(
      'IMPORT_INCOMPLETE',
      `${failed} of ${items.length} ${what} were not imported (see their errors above); the others were`,
      dir,
    );
  }
}

/** A LORIS release folder or a manifest read and checked, every problem an item's error. */
function readSource(source: Exclude<ImportSource, { kind: 'videos' }>): ImportReading {
  const path = source.kind === 'manifest' ? source.manifest : source.dir;
  try {
    return source.kind === 'manifest' ? readTrainerManifest(path) : readLorisLayout(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown reason';
    throw new CliError('FILE_UNREADABLE', `cannot read it (${code}: ${(error as Error).message})`, path);
  }
}

function exportSummary(output: VersionExport): string {
  const lines = formatKeyValues([
    output.manifest ? ['manifest', output.manifest] : ['folder', `${output.out} (LORIS release layout)`],
    ['version', `${output.version.number} of dataset ${output.version.datasetId} (${output.version.id})`],
    [
      'examples',
      `${output.examples}: train ${output.splits.train}, val ${output.splits.val}, test ${output.splits.test}`,
    ],
    [
      'downloaded',
      `${(output.bytes / 1024 / 1024).toFixed(1)} MiB${output.tar ? `, kept as ${output.tar}` : ''}`,
    ],
  ]);
  const skipped = output.skipped.map((s) => `skipped segment ${s.id}: ${s.reason}`);
  return [lines, ...skipped].join('\n');
}

async function exportDataset(version: string, options: ExportOptions): Promise<void> {
  const api = new LorisApi(apiConnection(options.api));
  const tty = process.stderr.isTTY;
  const output = await exportVersion(
    api,
    version,
    { format: options.format, out: options.out, tar: options.tar },
    {
      // Said as soon as the archive's version.json arrives, before its files: what is left out and why.
      onVersion: (described) => {
        for (const s of described.skipped) process.stderr.write(`skipped segment ${s.id}: ${s.reason}\n`);
        if (described.format === 'loris') {
          for (const warning of described.warnings) process.stderr.write(`warning: ${warning}\n`);
        }
      },
      onFile: (files, bytes) => {
        if (tty) process.stderr.write(`\rexporting: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
      },
    },
  );
  if (tty) process.stderr.write('\n');
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
      'fill a dataset from a folder of videos (each uploaded and ingested), a folder in the LORIS release ' +
        'layout (audio_sNN/, pose2d_sNN/, i3d_sNN/, the *_segment.txt lists and genre/*.npy: poses and I3D ' +
        "taken as given, the lists kept as each segment's source split) or our training manifest " +
        '(manifest.jsonl); every item is checked first, each bad one reported by name while the rest go on',
    )
    .argument(
      '<dir>',
      'a folder of videos (.mp4, .mov, .avi, .mkv, .webm, ...), a LORIS release folder, or a manifest.jsonl (or its folder)',
    )
    .requiredOption('--dataset <id>', "the dataset's id")
    .option(
      '--wait',
      'follow every ingest (or import job) to its end, printing progress (Ctrl-C stops following, not the jobs)',
    )
    .addOption(apiOption())
    .option('--json', 'print JSON instead of a table')
    .action((dir: string, options: ImportOptions) => importDataset(dir, options));
  dataset
    .command('export')
    .description(
      "write a frozen dataset version as the trainer's manifest or the authors' LORIS release layout, " +
        'downloaded as one tar from the API (the console offers the same tar) and unpacked',
    )
    .argument('<version>', "the dataset version's id")
    .addOption(
      new Option(
        '--format <format>',
        "manifest: the trainer's manifest.jsonl with audio/, poses/, features/, rhythm/; loris: the " +
          "authors' layout (audio_sNN/, pose2d_sNN/, i3d_sNN/ when the segments have I3D, the " +
          '*_segment.txt lists and genre/*.npy)',
      )
        .choices(['manifest', 'loris'])
        .default('manifest'),
    )
    .requiredOption(
      '--out <dir>',
      'a new (or empty) folder to write; it appears only once the export is whole',
    )
    .option('--tar <file>', 'also keep the downloaded tar as this (new) file')
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((version: string, options: ExportOptions) => exportDataset(version, options));
}
