import { createWriteStream, existsSync, readdirSync, rmSync } from 'fs';
import { mkdir, mkdtemp, readFile, rename, rmdir } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';
import { once } from 'events';
import { Readable } from 'stream';
import type { ExportFormat, LorisVersionFile, ManifestVersionFile } from '@loris/domain/dataset-formats';
import type { LorisApi } from '../api/api-client';
import { CliError } from '../cli.error';
import { unpackTar } from './unpack-tar';

/** What `loris dataset export` wrote. */
export interface VersionExport {
  out: string;
  format: ExportFormat;
  /** The manifest's path (--format manifest). */
  manifest: string | null;
  /** The tar as downloaded, when --tar asked to keep it. */
  tar: string | null;
  version: { id: string; datasetId: string; number: number };
  examples: number;
  splits: Record<'train' | 'val' | 'test', number>;
  /** Segments of the version the format cannot hold, each with the reason. */
  skipped: { id: string; reason: string }[];
  /** What a user of the export must know (the LORIS layout without I3D features). */
  warnings: string[];
  /** Bytes of the tar. */
  bytes: number;
}

export interface ExportProgress {
  /** The version's description, as soon as the archive's version.json has arrived. */
  onVersion(version: ManifestVersionFile | LorisVersionFile): void;
  /** After each file of the archive. */
  onFile(files: number, bytes: number): void;
}

/** The API route both the console and the CLI download: one archive, the same bytes for both. */
export const exportTarPath = (versionId: string, format: ExportFormat) =>
  `/v1/dataset-versions/${encodeURIComponent(versionId)}/export.tar?format=${format}`;

/**
 * Downloads a frozen version's export tar from the API and unpacks it into a hidden folder beside `out`,
 * renamed to `out` once the archive is whole; with `tar`, the archive itself is kept too (also renamed
 * into place only at the end). An export that fails or is interrupted leaves neither half-written: the
 * hidden files are removed on failure, Ctrl-C and SIGTERM.
 */
export async function exportVersion(
  api: LorisApi,
  versionId: string,
  options: { format: ExportFormat; out: string; tar?: string },
  progress: ExportProgress,
): Promise<VersionExport> {
  const { format, out } = options;
  const target = resolve(out);
  refuseNonEmpty(target, out);
  const tarTarget = options.tar ? resolve(options.tar) : null;
  if (tarTarget && existsSync(tarTarget)) {
    throw new CliError('OUT_EXISTS', 'already exists; choose a new file for the tar', options.tar);
  }
  const body = Readable.fromWeb(await api.stream(exportTarPath(versionId, format))) as AsyncIterable<Buffer>;
  await mkdir(dirname(target), { recursive: true });
  const partial = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  if (tarTarget) await mkdir(dirname(tarTarget), { recursive: true });
  const partialTar = tarTarget
    ? join(dirname(tarTarget), `.${basename(tarTarget)}.partial-${process.pid}`)
    : null;
  const removePartial = () => {
    rmSync(partial, { recursive: true, force: true });
    if (partialTar) rmSync(partialTar, { force: true });
  };
  const interrupted = (signal: NodeJS.Signals) => {
    removePartial();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let bytes = 0;
    let files = 0;
    const tarFile = partialTar ? createWriteStream(partialTar, { flags: 'wx' }) : null;
    // Counted, and written to the kept tar as it passes, with the slower of the two setting the pace.
    async function* counted(source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        if (tarFile && !tarFile.write(chunk)) await once(tarFile, 'drain');
        yield chunk;
      }
    }
    await unpackTar(Readable.from(counted(body)), partial, (path, type) => {
      if (path === 'version.json') readVersionFile(partial).then(progress.onVersion, () => undefined);
      if (type === 'file') progress.onFile(++files, bytes);
    });
    if (tarFile) await new Promise<void>((done, fail) => tarFile.end(done).once('error', fail));
    const version = await readVersionFile(partial);
    refuseNonEmpty(target, out);
    if (existsSync(target)) await rmdir(target);
    await rename(partial, target);
    if (partialTar && tarTarget) await rename(partialTar, tarTarget);
    return {
      out,
      format,
      manifest: format === 'manifest' ? join(out, 'manifest.jsonl') : null,
      tar: options.tar ?? null,
      version: { id: version.id, datasetId: version.datasetId, number: version.number },
      examples: version.examples,
      splits: version.splits,
      skipped: version.skipped,
      warnings: version.format === 'loris' ? version.warnings : [],
      bytes,
    };
  } catch (error) {
    removePartial();
    if (error instanceof CliError) throw error;
    throw new CliError(
      'EXPORT_BROKEN',
      `the export download broke off (${(error as Error).message}); nothing was written, try again`,
      out,
    );
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

async function readVersionFile(dir: string): Promise<ManifestVersionFile | LorisVersionFile> {
  return JSON.parse(await readFile(join(dir, 'version.json'), 'utf8')) as
    ManifestVersionFile | LorisVersionFile;
}

/** `out` may be new or an empty folder: an export never mixes with files already there. */
function refuseNonEmpty(target: string, out: string): void {
  if (!existsSync(target)) return;
  let empty = false;
  try {
    empty = readdirSync(target).length === 0;
  } catch {
    // A file, or unreadable: not an empty folder.
  }
  if (!empty) {
    throw new CliError(
      'OUT_EXISTS',
      'already exists and is not an empty folder; choose a new folder for the export',
      out,
    );
  }
}
