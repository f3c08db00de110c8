import { CallerHeaders } from '../auth/request-authenticator.service';
import { EndableStream } from './socket-stream';
import { AppError, ForbiddenError, TenantContext } from '@loris/engine';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The credentials of a graphql-ws connection_init payload, named as the HTTP headers are. */
export function credentialsOf(params: Record<string, unknown> | undefined): CallerHeaders {
  const given = params ?? {};
  return {
    authorization: text(given.authorization) ?? text(given.Authorization),
    apiKey: text(given.apiKey) ?? text(given['x-api-key']),
  };
}

/** What authenticating a socket's credentials gave: the caller now, or why they no longer hold. */
export type Authentication = { tenant: TenantContext } | { refused: AppError };

/**
 * One graphql-ws connection: where it comes from, the credentials it sent at connection_init (checked
 * again for every operation and, while subscriptions run, every few seconds), the caller they named last
 * time, and its running subscriptions, which end when that caller changes.
 */
export class SocketSession {
  /** The caller of the last check; undefined until connection_init succeeds. */
  tenant?: TenantContext;
  /** The caller-cap slot this socket holds, released when it closes. */
  callerSlot?: string;
  private readonly streams = new Set<EndableStream<unknown>>();

  constructor(
    readonly ip: string,
    readonly credentials: CallerHeaders,
  ) {}

  get hasRunningSubscriptions(): boolean {
    return this.streams.size > 0;
  }

  /** Wraps a subscription's event stream so that `apply` can end it. */
  track<T>(source: AsyncIterator<T>): EndableStream<T> {
    const stream: EndableStream<T> = new EndableStream(source, () =>
      this.streams.delete(stream as EndableStream<unknown>),
    );
    this.streams.add(stream as EndableStream<unknown>);
    return stream;
  }

  /**
   * Takes a fresh authentication of this socket's credentials. Running subscriptions were authorised for
   * the previous caller: they end with UNAUTHENTICATED when the credentials no longer hold, and with
   * FORBIDDEN when the role changed (the client subscribes again and is authorised under the new role).
   */
  apply(result: Authentication): void {
    if ('refused' in result) {
      this.endAll(result.refused);
      return;
    }
    const before = this.tenant;
    this.tenant = result.tenant;
    if (before && before.role !== result.tenant.role) {
      this.endAll(
        new ForbiddenError(
          `Your role changed from ${before.role} to ${result.tenant.role} since this subscription started; subscribe again`,
        ),
      );
    }
  }

  private endAll(error: AppError): void {
    for (const stream of [...this.streams]) stream.end(error);
  }
}
