import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import { graphqlLimits } from '../graphql/graphql-options';
import { graphqlWsOptions } from '../graphql/subscription-auth';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { SocketCaps } from './socket-caps';
import { SocketCloseCode } from './socket-close-codes';
import { socketClientIp } from './socket-client-ip';
import { SocketGate } from './socket-gate';
import { SocketRecheck } from './socket-recheck';
import { serveGraphqlWs } from './socket-transport';
import { APP_CONFIG, AppConfig } from '@loris/engine';

const PATH = '/graphql';

/**
 * graphql-ws on /graphql, run by the API rather than by Apollo's driver, whose WebSocketServer takes no
 * options: here every message is bounded (maxPayload: ws refuses a larger frame from its header, before
 * reading it), sockets are capped per client IP before the handshake's first message and per caller at
 * connection_init, and every operation goes through the same authentication and rate budgets as HTTP.
 */
@Injectable()
export class SocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly caps = new SocketCaps();
  private wss?: WebSocketServer;
  private recheck?: SocketRecheck;
  private dispose?: () => Promise<void>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly authenticator: RequestAuthenticator,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { sockets, http, graphql } = this.config;
    const gate = new SocketGate(this.authenticator, this.limiter);
    this.recheck = new SocketRecheck(gate, sockets.recheckMs);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: sockets.maxPayloadBytes });
    const schema = this.moduleRef.get(GraphQLSchemaHost, { strict: false }).schema;
    const server = serveGraphqlWs(
      this.wss,
      graphqlWsOptions({
        schema,
        extraRules: graphqlLimits(this.config),
        introspection: graphql.introspection,
        trustProxy: http.trustProxy,
        maxSocketsPerCaller: sockets.maxPerCaller,
        initTimeoutMs: sockets.initTimeoutMs,
        gate,
        recheck: this.recheck,
        caps: this.caps,
      }),
    );
    this.dispose = server.dispose;
    this.recheck.start();
    this.httpServer().on('upgrade', this.onUpgrade);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.httpServer().off('upgrade', this.onUpgrade);
    this.recheck?.stop();
    await this.dispose?.();
  }

  private httpServer(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const wss = this.wss;
    if (!wss || new URL(request.url ?? '/', 'http://socket').pathname !== PATH) return;
    const ip = socketClientIp(request, this.config.http.trustProxy);
    const slot = `ip:${ip}`;
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!this.caps.take(slot, this.config.sockets.maxPerIp)) {
        ws.close(
          SocketCloseCode.TooManyFromIp,
          `Too many open sockets from your address (at most ${this.config.sockets.maxPerIp})`,
        );
        return;
      }
      ws.once('close', () => this.caps.release(slot));
      wss.emit('connection', ws, request);
    });
  };
}
