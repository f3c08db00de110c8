import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from '@/graphql/generated';
import { apiErrorFor, apiErrorFromBody, type ApiError } from './api-error';
import { apiUrl } from './api-url';
import type { Credentials } from './graphql-client';
import { keepAliveComment, serverSentEvent } from './server-sent-event';

const keepAliveMs = 15_000;

// The API closes a connection whose credentials it refuses with 4403 (Forbidden) or 4401 (Unauthorized).
const refusedCloseCodes = new Set([4401, 4403]);

// A graphql-ws failure in the console's words: GraphQL errors (NOT_FOUND for another workspace's object)
// keep the API's message; a refused or lost connection gets ours.
function subscriptionError(error: unknown): ApiError {
  if (Array.isArray(error)) return apiErrorFromBody(200, { errors: error });
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && refusedCloseCodes.has(code)) return apiErrorFor('UNAUTHENTICATED');
  return apiErrorFor('API_UNREACHABLE');
}

function subscriptionClient(credentials: Credentials): Client {
  return createClient({
    url: `${apiUrl().replace(/^http/, 'ws')}/graphql`,
    // Node 20 has no global WebSocket.
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${credentials.token}` },
  });
}

/** One `<name>Updated(id)` subscription of the API, as a relay follows it. */
export interface FollowedSubscription<TResult, TItem> {
  document: TypedDocumentString<TResult, { id: string }>;
  /** The Server-Sent Event name each update goes out under (`job`, `video`). */
  event: string;
  /** The object an update carries, if any. */
  item(data: TResult): TItem | null | undefined;
  /** An object in its final state: nothing more will come for it. */
  finished(item: TItem): boolean;
}

/** What a relay sends when the API refused: words fit for the user. */
export interface RelayFailure {
  code: string;
  message: string;
}

/**
 * The browser cannot hold the API token, so a console route subscribes on its behalf: to `followed` for
 * each of `ids`, over one socket (graphql-ws multiplexes), relaying every update as a Server-Sent Event,
 * or one `failure` with a code and words, after which the stream ends. It also ends once every object has
 * reached its final state, and lets go of the API subscriptions as soon as the browser goes away.
 */
export function subscriptionRelay<TResult, TItem>(
  followed: FollowedSubscription<TResult, TItem>,
  ids: readonly string[],
  credentials: Credentials,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let client: Client | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let open = true;
  const release = () => {
    open = false;
    clearInterval(keepAlive);
    void client?.dispose();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const end = () => {
        if (!open) return;
        release();
        controller.close();
      };
      const fail = (error: ApiError) => {
        const failure: RelayFailure = { code: error.code, message: error.message };
        write(serverSentEvent('failure', failure));
        end();
      };
      signal.addEventListener('abort', release, { once: true });
      keepAlive = setInterval(() => write(keepAliveComment), keepAliveMs);
      const following = new Set(ids);
      const done = (id: string) => {
        following.delete(id);
        if (following.size === 0) end();
      };
      if (following.size === 0) return end();
      client = subscriptionClient(credentials);
      for (const id of following) {
        client.subscribe<TResult>(
          { query: followed.document.toString(), variables: { id } },
          {
            next: (message) => {
              if (message.errors?.length) return fail(subscriptionError(message.errors));
              const item = message.data ? followed.item(message.data) : undefined;
              if (!item) return;
              write(serverSentEvent(followed.event, item));
              if (followed.finished(item)) done(id);
            },
            error: (error) => fail(subscriptionError(error)),
            complete: () => done(id),
          },
        );
      }
    },
    cancel: release,
  });
}
