// Read at request time (not inlined at build) so one build can point at any API.
export function apiUrl(): string {
  return (process.env.API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
}
