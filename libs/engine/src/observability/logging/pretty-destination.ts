import { DestinationStream } from 'pino';

// Fields that have their own place in the line, or that nobody reads at a terminal.
const SHOWN_APART = new Set(['time', 'level', 'msg', 'context', 'service', 'pid', 'hostname', 'err']);

/** One readable line per record, for a terminal (LOG_FORMAT=pretty): time, level, [context], message, key=value. */
export function formatPretty(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 23) : '';
  const level = String(record.level ?? '')
    .toUpperCase()
    .padEnd(5);
  const context = record.context ? ` [${record.context}]` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = record.err as { stack?: string } | undefined;
  return (
    `${time} ${level}${context} ${record.msg ?? ''}${fields.length ? `  ${fields.join(' ')}` : ''}` +
    `${err?.stack ? `\n${err.stack}` : ''}\n`
  );
}

export function prettyDestination(out: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => void out.write(formatPretty(line)) };
}
