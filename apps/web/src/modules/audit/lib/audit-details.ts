// An event's details arrive as the JSON text of a flat object; the table and the CSV show them as
// `key=value` pairs. Text that is not such an object is shown as it came rather than dropped.
export function auditDetailPairs(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [json];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [json];
  return Object.entries(parsed).map(([key, value]) => `${key}=${value === null ? '' : String(value)}`);
}
