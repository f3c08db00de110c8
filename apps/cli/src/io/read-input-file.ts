import { readFileSync, statSync } from 'fs';
import { CliError } from '../cli.error';

/** Reads a whole file, turning a missing or unreadable file into a CliError that names it. */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('FILE_NOT_FOUND', 'no such file', file);
    if (code === 'EISDIR') throw new CliError('FILE_UNREADABLE', 'is a directory, expected a file', file);
    throw new CliError('FILE_UNREADABLE', `cannot read the file (${code ?? 'unknown reason'})`, file);
  }
}

/**
 * Reads and parses a JSON file; a syntax error is reported with the file's name. A leading byte-order
 * mark (editors on Windows write one) is dropped, as libs/inference's parsePoseTrack drops it.
 */
export function readJsonFile(file: string): unknown {
  const text = readInputFile(file)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError('INVALID_JSON', `not valid JSON: ${(error as Error).message}`, file);
  }
}

/** Checks that a path is an existing directory. */
export function requireDirectory(dir: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new CliError('FILE_NOT_FOUND', 'no such directory', dir);
  }
  if (!isDirectory) throw new CliError('INVALID_ARGUMENT', 'is not a directory', dir);
}
