/** Codes of the problems the CLI itself finds; errors from the libs keep their own codes. */
export type CliErrorCode =
  'FILE_NOT_FOUND' | 'FILE_UNREADABLE' | 'INVALID_JSON' | 'INVALID_PAIRS' | 'INVALID_ARGUMENT' | 'NO_PAIRS';

/** A problem a user can fix, with the file it concerns; printed as one line, never with a stack. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode | string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Anything thrown that carries a string `code` is one of our typed errors (CliError or a lib's). */
export function isTypedError(error: unknown): error is Error & { code: string; file?: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** Runs `work`; a typed error it throws (a bad WAV, a bad pose track) comes out naming `file`. */
export function aboutFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isTypedError(error) && !error.file) throw new CliError(error.code, error.message, file);
    throw error;
  }
}
