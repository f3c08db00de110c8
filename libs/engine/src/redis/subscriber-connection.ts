import Redis from 'ioredis';

/**
 * A Redis connection for SUBSCRIBE only (a subscribed connection can run nothing else). ioredis's
 * handshake is turned off on it: its ready check (INFO) and CLIENT SETINFO are not subscriber commands,
 * and a SUBSCRIBE sent once the socket was up but before the handshake ran (ioredis 5.11; redis/ioredis
 * #2037) made the handshake fail on a connection already in subscriber mode. ioredis then emitted an
 * error and reconnected, and a subscription made at that moment failed: a console list that never moved
 * in CI. Without the handshake there is nothing for a SUBSCRIBE to race.
 */
export function subscriberConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableReadyCheck: false, disableClientInfo: true });
}
