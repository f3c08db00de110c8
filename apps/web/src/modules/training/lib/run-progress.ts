// How far a run is, in words for its page: steps, elapsed time and ETA ("3 min 20 s").

export const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export const isFinished = (status: string) => FINISHED.includes(status);

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}

export interface CurvePoint {
  kind: string;
  step: number;
  loss: number;
}

/**
 * Adds polled points to those held: a step seen again (a resumed run repeats steps) replaces the old value,
 * and the result stays in step order, one entry per (kind, step).
 */
export function mergePoints<T extends CurvePoint>(held: T[], added: T[]): T[] {
  const byKey = new Map(held.map((p) => [`${p.kind}:${p.step}`, p]));
  for (const point of added) byKey.set(`${point.kind}:${point.step}`, point);
  return [...byKey.values()].sort((a, b) => a.step - b.step || a.kind.localeCompare(b.kind));
}

/** The curves as uPlot's columns: steps, training loss, validation loss (null where a kind has no point). */
export function curveColumns(points: CurvePoint[]): [number[], (number | null)[], (number | null)[]] {
  const steps = [...new Set(points.map((p) => p.step))].sort((a, b) => a - b);
  const at = (kind: string) => {
    const values = new Map(points.filter((p) => p.kind === kind).map((p) => [p.step, p.loss]));
    return steps.map((step) => values.get(step) ?? null);
  };
  return [steps, at('train'), at('val')];
}
