import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import type { ExportEntry } from '../formats/export-plan';

/** A stored file of an export: its blob address and size (the tar header needs the size first). */
export interface StoredMedia {
  sha256: string;
  bytes: number;
}

export type OpenStored = (media: StoredMedia) => Promise<NodeJS.ReadableStream>;

/**
 * Writes an export's entries as a ustar archive into `out`, one entry at a time, as fast as `out` takes
 * them: a stored file is streamed from the store, never whole in memory. Every header has the same
 * `mtime` (the version's freeze), so the same version and format give the same bytes every time. When
 * anything fails midway (a blob missing, a file that cannot be converted, `out` closed), `out` is
 * destroyed with the error: the receiver sees a broken download, never an archive that looks complete.
 */
export async function writeExportTar(
  entries: Iterable<ExportEntry<StoredMedia>>,
  open: OpenStored,
  out: Writable,
  mtime: Date,
): Promise<void> {
  const pack = tarPack();
  const sending = pipeline(pack, out);
  sending.catch(() => undefined); // awaited below, after the entries
  try {
    for (const entry of entries) await addEntry(pack, entry, open, mtime);
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    out.destroy(error as Error);
    await sending.catch(() => undefined);
    throw error;
  }
  await sending;
}

async function addEntry(pack: Pack, entry: ExportEntry<StoredMedia>, open: OpenStored, mtime: Date) {
  if (entry.kind === 'folder') {
    return addBytes(pack, { name: `${entry.path}/`, type: 'directory', mode: 0o755, mtime }, undefined);
  }
  const { source } = entry;
  const header = { name: entry.path, type: 'file' as const, mode: 0o644, mtime };
  if (source.from === 'memory') {
    return addBytes(pack, { ...header, size: source.bytes.length }, Buffer.from(source.bytes));
  }
  const stored = await open(source.media);
  if (source.from === 'converted') {
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(Buffer.from(chunk as Uint8Array));
    const converted = source.convert(Buffer.concat(chunks));
    return addBytes(pack, { ...header, size: converted.length }, Buffer.from(converted));
  }
  // tar-stream refuses a body shorter or longer than the header's size, so a blob that is not the size
  // its row says ends the export instead of shifting every entry after it.
  await pipeline(stored, pack.entry({ ...header, size: source.media.bytes }));
}

function addBytes(pack: Pack, header: Parameters<Pack['entry']>[0], body: Buffer | undefined) {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (body === undefined) pack.entry(header, done);
    else pack.entry(header, body, done);
  });
}
