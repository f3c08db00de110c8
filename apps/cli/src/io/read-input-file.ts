import { closeSync, openSync, readFileSync, statSync } from 'fs';
import { CliError } from '../cli.error';

function unreadable(error: unknown, file: string): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError('FILE_NOT_FOUND', 'no such file', file);
  if (code === 'EISDIR') return new CliError('FILE_UNREADABLE', 'is a directory, expected a file', file);
  return new CliError('FILE_UNREADABLE', `cannot read the file (${code ?? 'unknown reason'})`, file);
}

/** Reads a whole file, turning a missing or unreadable file into a CliError that names it. */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadable(error, file);
  }
}

/** Checks that a file a tool will read (a video for ffmpeg) is there and readable, without reading it. */
export function requireReadableFile(file: string): void {
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    closeSync(openSync(file, 'r'));
  } catch (error) {
    throw unreadable(error, file);
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
