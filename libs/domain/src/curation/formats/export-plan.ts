// What an export of a frozen version is made of, in either format: an ordered list of entries (a folder,
// or a file with where its bytes come from), planned from the version's rows alone so that every refusal
// (nothing exportable) comes before the first byte, and then filled from storage one entry at a time, so
// an export is never whole in memory. The tar route writes the entries in this order; the CLI unpacks it.

export type ExportFormat = 'manifest' | 'loris';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['manifest', 'loris'];

export const isExportFormat = (value: unknown): value is ExportFormat =>
  EXPORT_FORMATS.includes(value as ExportFormat);

/** Where a file's bytes come from. */
export type ExportSource<Media> =
  /** Made by the plan (lists, manifest.jsonl, version.json, genre one-hots). */
  | { from: 'memory'; bytes: Uint8Array }
  /** A stored file as it is, streamed. */
  | { from: 'stored'; media: Media }
  /** A small stored file read whole and converted (a rhythm, a pose track); throws in words if it cannot. */
  | { from: 'converted'; media: Media; convert: (stored: Buffer) => Uint8Array };

export type ExportEntry<Media> =
  { path: string; kind: 'folder' } | { path: string; kind: 'file'; source: ExportSource<Media> };

/** The frozen version an export is of, as version.json names it. */
export interface ExportedVersion {
  id: string;
  datasetId: string;
  number: number;
  stats: { segments: number };
}

export type ExportSplitCounts = Record<'train' | 'val' | 'test', number>;

export interface ExportSummary {
  format: ExportFormat;
  /** Segments written. */
  examples: number;
  splits: ExportSplitCounts;
  /** Segments of the version the format cannot hold, each with the reason. */
  skipped: { id: string; reason: string }[];
  /** What a user of the export must know (e.g. no I3D features for the authors' loader). */
  warnings: string[];
}

export interface ExportPlan<Media> {
  summary: ExportSummary;
  entries: ExportEntry<Media>[];
}

export const folder = <Media>(path: string): ExportEntry<Media> => ({ path, kind: 'folder' });

export const memoryFile = <Media>(path: string, content: string | Uint8Array): ExportEntry<Media> => ({
  path,
  kind: 'file',
  source: { from: 'memory', bytes: typeof content === 'string' ? Buffer.from(content) : content },
});

export const storedFile = <Media>(path: string, media: Media): ExportEntry<Media> => ({
  path,
  kind: 'file',
  source: { from: 'stored', media },
});

/**
 * A stored file converted on its way out; a failure names the segment, so the error that ends the export
 * says which one (the stream is then aborted, never left looking complete).
 */
export const convertedFile = <Media>(
  path: string,
  media: Media,
  segmentId: string,
  convert: (stored: Buffer) => Uint8Array,
): ExportEntry<Media> => ({
  path,
  kind: 'file',
  source: {
    from: 'converted',
    media,
    convert: (stored) => {
      try {
        return convert(stored);
      } catch (error) {
        throw new Error(`segment ${segmentId}: ${(error as Error).message}`);
      }
    },
  },
});

/** `<dataset>-v<N>-<format>.tar`, the dataset's name reduced to characters safe in any file system. */
export function exportFileName(datasetName: string, number: number, format: ExportFormat): string {
  const slug = datasetName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'dataset'}-v${number}-${format}.tar`;
}

export const emptySplitCounts = (): ExportSplitCounts => ({ train: 0, val: 0, test: 0 });
