/** Error codes the CLI itself raises; library errors keep their own codes. */
export type CliErrorCode = 'FILE_NOT_FOUND' | 'FILE_UNREADABLE' | 'INVALID_JSON' | 'INVALID_ARGUMENT';

/** A problem a user can fix, with the file it concerns; printed as one line, never with a stack. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
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
