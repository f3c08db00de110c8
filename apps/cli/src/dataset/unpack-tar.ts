import { createWriteStream } from 'fs';
import { mkdir } from 'fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'path';
import type { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { extract } from 'tar-stream';

/** Called once per entry written, with its path inside the archive. */
export type UnpackProgress = (path: string, type: 'file' | 'folder') => void;

/**
 * The path an entry may be written at inside `dir`, or null for one that would land outside it (absolute,
 * or climbing with ..): an archive is data from a server, never a way to write elsewhere.
 */
export function safeEntryPath(dir: string, name: string): string | null {
  const relative = normalize(name.replace(/\/+$/, ''));
  if (relative === '.' || isAbsolute(relative) || relative.split(sep).includes('..')) return null;
  return join(dir, relative);
}

/**
 * Unpacks a tar stream into `dir` (folders and plain files only, each file streamed to disk). Rejects with
 * the first problem: an entry of another type or outside `dir`, a stream that ends before the archive
 * does, or the source failing (a download broken off).
 */
export async function unpackTar(source: Readable, dir: string, onEntry: UnpackProgress): Promise<void> {
  const unpacker = extract();
  unpacker.on('entry', (header, body, next) => {
    const write = async () => {
      const path = safeEntryPath(dir, header.name);
      if (!path) throw new Error(`the archive names a path outside the export: ${header.name}`);
      if (header.type === 'directory') {
        await mkdir(path, { recursive: true });
        body.resume();
        onEntry(header.name, 'folder');
      } else if (header.type === 'file') {
        await mkdir(dirname(path), { recursive: true });
        await pipeline(body, createWriteStream(path, { flags: 'wx' }));
        onEntry(header.name, 'file');
      } else {
        throw new Error(`the archive holds a ${header.type} (${header.name}), not a plain file`);
      }
    };
    write().then(() => next(), next);
  });
  await pipeline(source, unpacker);
}
