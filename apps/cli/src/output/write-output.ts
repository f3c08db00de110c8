/** Writes a command's result to stdout: JSON (one document) with `--json`, readable text otherwise. */
export function writeOutput(json: boolean, value: unknown, readable: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${readable()}\n`);
}
