import { Logger } from '@nestjs/common';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const logger = new Logger('SocketTransport');

/** What graphql-ws' hooks see of a connection beside its protocol state. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  [key: string]: unknown;
}

/**
 * Runs graphql-ws' protocol on the sockets of `wss`. Ours rather than graphql-ws' `use/ws` adapter so
 * that protocol errors ws already closed the socket for (1009, a message over maxPayload) are not logged
 * as internal errors, which would let any client fill the logs, and so that a socket that stops
 * answering pings is dropped.
 */
export function serveGraphqlWs<E extends SocketExtra>(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown> | undefined, E>,
  keepAliveMs = 12_000,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.on('error', (error: Error & { code?: string }) =>
      logger.debug(`Socket closed on a protocol error: ${error.code ?? error.message}`),
    );
    let answered = true;
    const keepAlive = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, keepAliveMs);
    socket.on('pong', () => (answered = true));

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error(`Socket message failed: ${(error as Error).stack ?? String(error)}`);
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request } as E,
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
