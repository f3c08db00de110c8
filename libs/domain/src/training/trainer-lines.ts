import type { TrainerEvent } from './runners/training-runner';

/**
 * The trainer's stdout, line by line: a JSON object with a known `event` is a TrainerEvent; anything else
 * (a warning printed by a library, a partial line) is a log line. Parsing never throws: a malformed line is
 * kept in the log rather than failing a run that is training fine.
 */
export type ParsedLine = { event: TrainerEvent } | { log: string };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const step = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const nullableNumber = (v: unknown): number | null => (finite(v) ? v : null);

export function parseTrainerLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text.startsWith('{')) return { log: line };
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { log: line };
    data = parsed as Record<string, unknown>;
  } catch {
    return { log: line };
  }
  const event = toEvent(data);
  return event ? { event } : { log: line };
}

function toEvent(d: Record<string, unknown>): TrainerEvent | undefined {
  switch (d.event) {
    case 'step':
      // The trainer writes a loss of NaN as the bare token NaN, which JSON.parse refuses: that line is a log.
      if (!step(d.step) || !finite(d.loss) || !finite(d.lr) || !finite(d.secondsPerStep)) return undefined;
      return { event: 'step', step: d.step, loss: d.loss, lr: d.lr, secondsPerStep: d.secondsPerStep };
    case 'val':
      if (!step(d.step) || !finite(d.loss)) return undefined;
      return { event: 'val', step: d.step, loss: d.loss };
    case 'checkpoint':
      if (!step(d.step) || typeof d.path !== 'string') return undefined;
      return { event: 'checkpoint', step: d.step, path: d.path };
    case 'cancelled':
      if (!step(d.step)) return undefined;
      return {
        event: 'cancelled',
        step: d.step,
        checkpoint: typeof d.checkpoint === 'string' ? d.checkpoint : null,
      };
    case 'done':
      if (!step(d.step) || typeof d.checkpoint !== 'string') return undefined;
      return {
        event: 'done',
        step: d.step,
        finalLoss: nullableNumber(d.finalLoss),
        valLoss: nullableNumber(d.valLoss),
        checkpoint: d.checkpoint,
      };
    case 'error':
      if (typeof d.code !== 'string' || typeof d.message !== 'string') return undefined;
      return { event: 'error', code: d.code, message: d.message };
    default:
      return undefined;
  }
}

/**
 * Splits a stream's chunks into whole lines: `push` returns the lines a chunk completed, `end` the last
 * unterminated one. Lines longer than maxLength are cut (a runaway line must not grow a buffer unbounded).
 */
export class LineSplitter {
  private rest = '';

  constructor(private readonly maxLength = 16_384) {}

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    if (this.rest.length > this.maxLength) {
      parts.push(this.rest.slice(0, this.maxLength));
      this.rest = '';
    }
    return parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p).slice(0, this.maxLength));
  }

  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last.slice(0, this.maxLength)] : [];
  }
}
