import { IncomingMessage } from 'node:http';

/**
 * The client's address of a WebSocket upgrade, as Express' `req.ip` gives it for HTTP with
 * `trust proxy` on or off (API_TRUST_PROXY is a boolean): behind a trusted proxy, the left-most
 * X-Forwarded-For entry; otherwise the peer. Both doors must charge the same IP budget.
 */
export function socketClientIp(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || request.socket.remoteAddress || 'unknown';
}
