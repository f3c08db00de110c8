// One Server-Sent Events message (text/event-stream). JSON never contains a raw newline, so the data fits
// on one `data:` line; the blank line ends the message.
export function serverSentEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

// A comment line: ignored by EventSource, but it keeps proxies from closing a quiet stream.
export const keepAliveComment = ': keep-alive\n\n';
