/**
 * Ends the `loris` process with `code` once everything written to stdout and stderr has been handed to the
 * OS. Every command ends this way instead of letting Node wind down on its own: Node 20 can deadlock in that
 * shutdown (nodejs/node#54918), and `loris metrics --pairs … --json` printed its result and then hung, 2 in
 * 120 runs. Waiting for the streams first keeps an explicit exit from cutting output short.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves when what was written before has been flushed (or the stream can take no more: EPIPE). */
function flushed(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    stream.write('', () => resolve());
  });
}
