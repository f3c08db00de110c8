// The headers of the console's Server-Sent Event answers (a job's stream, the list's stream).
export const eventStreamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: next start's gzip would otherwise hold events back to fill its buffers.
  'cache-control': 'no-store, no-transform',
  // Tells nginx-style proxies in front of the console not to buffer the stream either.
  'x-accel-buffering': 'no',
} as const;
