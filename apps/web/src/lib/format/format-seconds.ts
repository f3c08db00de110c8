// A length as a person reads it: one decimal ("6.0 s"), never the float the API computed ("23.777233 s").
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return `${seconds.toFixed(1)} s`;
}
