import { Command, CommanderError } from 'commander';
import { isTypedError } from './cli.error';
import { commandRegistrars } from './commands/command-registry';

/** Builds the program with every registered command; exported so tests can inspect it without spawning. */
export function buildProgram(): Command {
  const program = new Command('loris')
    .description('LORIS Studio signal tools: audio onsets, visual rhythm, benchmark scores')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrars) register(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a problem with the input, 2 for a usage
 * error. Errors go to stderr as `loris: <file>: <message> [CODE]`; a stack only with LORIS_DEBUG=1.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help/version text, which exits with code 0).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isTypedError(error)) {
    const where = error.file ? `${error.file}: ` : '';
    process.stderr.write(`loris: ${where}${error.message} [${error.code}]\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`loris: unexpected error: ${message}\n`);
  }
  if (process.env.LORIS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
