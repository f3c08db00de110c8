// A pushed model arrives as one tar (model.json and the files it names, as `loris models push` packs the
// folder): unpacked into a fresh temp folder, each entry streamed to disk, so the whole version can be
// checked before any of it is stored. Only plain files at safe relative paths are taken, within a file
// count and a byte budget; anything else refuses the push.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { InvalidModelVersionError } from './models.exception';

/** model.json, two graphs and their external weights, with room for a model card README or two. */
const MAX_FILES = 16;

export interface ReceivedModelFolder {
  dir: string;
  /** The entries' paths as the archive named them. */
  names: string[];
  dispose(): Promise<void>;
}

function entryPath(dir: string, name: string): string {
  const relative = normalize(name.replace(/^\.\/+/, '').replace(/\/+$/, ''));
  if (!relative || relative === '.' || relative.startsWith(sep) || relative.split(sep).includes('..')) {
    throw new InvalidModelVersionError(`the archive names a path outside the model folder: ${name}`);
  }
  return join(dir, relative);
}

/** Unpacks the tar `source` (at most `maxBytes` of file content); the caller disposes of the folder. */
export async function receiveModelTar(
  source: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<ReceivedModelFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'loris-model-push-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const names: string[] = [];
  let total = 0;
  try {
    const unpacker = extract();
    unpacker.on('entry', (header, body, next) => {
      const write = async () => {
        if (header.type === 'directory') {
          body.resume();
          return;
        }
        if (header.type !== 'file') {
          throw new InvalidModelVersionError(`the archive holds a ${header.type} (${header.name}), not a plain file`);
        }
        if (names.length >= MAX_FILES) {
          throw new InvalidModelVersionError(`the archive holds more than ${MAX_FILES} files`);
        }
        const path = entryPath(dir, header.name);
        names.push(header.name);
        await mkdir(dirname(path), { recursive: true });
        const budget = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            total += chunk.length;
            if (total > maxBytes) done(new InvalidModelVersionError(`the model is larger than ${maxBytes} bytes`));
            else done(null, chunk);
          },
        });
        await pipeline(body, budget, createWriteStream(path, { flags: 'wx' }));
      };
      write().then(
        () => next(),
        (error: Error) => next(error),
      );
    });
    await pipeline(source, unpacker).catch((error: unknown) => {
      if (error instanceof InvalidModelVersionError) throw error;
      throw new InvalidModelVersionError(`the upload is not a complete tar archive (${(error as Error).message})`);
    });
    if (names.length === 0) throw new InvalidModelVersionError('the archive is empty; send model.json and its files');
    return { dir, names, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
