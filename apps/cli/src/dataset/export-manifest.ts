import { existsSync, readdirSync, rmSync } from 'fs';
import { mkdir, mkdtemp, open, rename, rmdir, writeFile } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';
import type { LorisApi } from '../api/api-client';
import { CliError } from '../cli.error';
import {
  manifestLine,
  poseFeatureFrames,
  trainerRhythm,
  untrainableReason,
  type ExportedSegment,
  type TrainerManifestLine,
} from './trainer-manifest';

// Segments per page: each carries a few media urls, far under the API's cost limit.
const PAGE = 50;

const SEGMENT_FIELDS = `id videoId startSeconds lengthSeconds genre flags audio { url } poses { url }
  poseFeatures { url } visualRhythm { url }`;

interface VersionPage {
  datasetVersion: {
    segments: {
      edges: { node: { split: string; segment: ExportedSegment } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

/** What `loris dataset export --format manifest` wrote. */
export interface ManifestExport {
  out: string;
  manifest: string;
  version: { id: string; datasetId: string; number: number };
  examples: number;
  splits: Record<'train' | 'val' | 'test', number>;
  /** Segments of the version the trainer cannot use, each with the reason. */
  skipped: { id: string; reason: string }[];
  bytes: number;
}

/** Called after each segment: exported, or skipped with its reason. */
export type ExportProgress = (
  done: number,
  total: number,
  skipped: { id: string; reason: string } | null,
) => void;

/**
 * Writes a frozen version as the trainer's manifest: audio/, poses/, features/ and rhythm/ files of each
 * segment (downloaded through the media route), manifest.jsonl and version.json. Everything is written in
 * a hidden folder beside `out` that is renamed to `out` at the end, so an export that fails or is
 * interrupted leaves no half-written `out` (the hidden folder is removed on failure, Ctrl-C and SIGTERM).
 */
export async function exportManifest(
  api: LorisApi,
  versionId: string,
  out: string,
  onProgress: ExportProgress,
): Promise<ManifestExport> {
  const target = resolve(out);
  refuseNonEmpty(target, out);
  const { datasetVersion: version } = await api.graphql<{
    datasetVersion: { id: string; datasetId: string; number: number; stats: { segments: number } };
  }>(`query($id: ID!) { datasetVersion(id: $id) { id datasetId number stats { segments } } }`, {
    id: versionId,
  });
  await mkdir(dirname(target), { recursive: true });
  const partial = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  const removePartial = () => rmSync(partial, { recursive: true, force: true });
  const interrupted = (signal: NodeJS.Signals) => {
    removePartial();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const written = await writeVersion(api, version, partial, onProgress);
    await writeFile(
      join(partial, 'version.json'),
      `${JSON.stringify({ ...version, format: 'manifest', examples: written.lines.length, splits: written.splits, skipped: written.skipped }, null, 2)}\n`,
    );
    await writeFile(
      join(partial, 'manifest.jsonl'),
      written.lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
    );
    refuseNonEmpty(target, out);
    if (existsSync(target)) await rmdir(target);
    await rename(partial, target);
    return {
      out,
      manifest: join(out, 'manifest.jsonl'),
      version: { id: version.id, datasetId: version.datasetId, number: version.number },
      examples: written.lines.length,
      splits: written.splits,
      skipped: written.skipped,
      bytes: written.bytes,
    };
  } catch (error) {
    removePartial();
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
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

async function writeVersion(
  api: LorisApi,
  version: { id: string; stats: { segments: number } },
  dir: string,
  onProgress: ExportProgress,
) {
  for (const folder of ['audio', 'poses', 'features', 'rhythm']) await mkdir(join(dir, folder));
  const lines: TrainerManifestLine[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const splits = { train: 0, val: 0, test: 0 };
  let bytes = 0;
  let after: string | null = null;
  let done = 0;
  do {
    const page: VersionPage = await api.graphql<VersionPage>(
      `query($id: ID!, $first: Int!, $after: String) { datasetVersion(id: $id) {
         segments(first: $first, after: $after) { edges { node { split segment { ${SEGMENT_FIELDS} } } }
           pageInfo { hasNextPage endCursor } } } }`,
      { id: version.id, first: PAGE, after },
    );
    const { edges, pageInfo } = page.datasetVersion.segments;
    for (const { node } of edges) {
      const reason = untrainableReason(node.segment);
      if (reason) {
        skipped.push({ id: node.segment.id, reason });
        onProgress(++done, version.stats.segments, skipped.at(-1)!);
        continue;
      }
      const line = manifestLine(node.segment, node.split);
      bytes += await downloadSegment(api, node.segment, line, dir);
      lines.push(line);
      splits[line.split]++;
      onProgress(++done, version.stats.segments, null);
    }
    after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  } while (after);
  if (lines.length === 0) {
    throw new CliError(
      'NOTHING_TO_EXPORT',
      `none of the version's ${skipped.length} segments can be trained on: ${skipped[0]?.reason ?? 'it has none'}`,
    );
  }
  return { lines, skipped, splits, bytes };
}

/** The segment's files, fetched side by side; the rhythm converted, the features' header checked. */
async function downloadSegment(
  api: LorisApi,
  segment: ExportedSegment,
  line: TrainerManifestLine,
  dir: string,
): Promise<number> {
  const about = (what: string, work: () => unknown) => {
    try {
      return work();
    } catch (error) {
      throw new CliError('ARTIFACT_INVALID', `segment ${segment.id}: ${(error as Error).message}`, what);
    }
  };
  const rhythm = async () => {
    if (!segment.visualRhythm || !line.rhythm) return 0;
    const stored = await api.read(segment.visualRhythm.url);
    const converted = about(segment.visualRhythm.url, () =>
      trainerRhythm(JSON.parse(stored.toString('utf8'))),
    );
    const text = JSON.stringify(converted);
    await writeFile(join(dir, line.rhythm), text);
    return text.length;
  };
  const features = async () => {
    const path = join(dir, line.features);
    const size = await api.download(segment.poseFeatures!.url, path);
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(256);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      about(segment.poseFeatures!.url, () => poseFeatureFrames(head.subarray(0, bytesRead)));
    } finally {
      await file.close();
    }
    return size;
  };
  const sizes = await Promise.all([
    api.download(segment.audio.url, join(dir, line.audio)),
    api.download(segment.poses!.url, join(dir, line.poses)),
    features(),
    rhythm(),
  ]);
  return sizes.reduce((a, b) => a + b, 0);
}
