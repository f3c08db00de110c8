import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  SoundtrackJobUpdatedDocument,
  type SoundtrackJobUpdatedSubscription,
  type SoundtrackJobUpdatedSubscriptionVariables,
} from '@/graphql/generated';
import { apiErrorFor, apiErrorFromBody, type ApiError } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import type { Credentials } from '@/lib/api/graphql-client';
import { isFinished } from '../lib/job-status';
import type { RouteFailure } from '../lib/job-types';
import { keepAliveComment, serverSentEvent } from '../lib/server-sent-event';

const keepAliveMs = 15_000;

// The API closes a connection whose credentials it refuses with 4403 (Forbidden) or 4401 (Unauthorized).
const refusedCloseCodes = new Set([4401, 4403]);

// A graphql-ws failure in the console's words: GraphQL errors (NOT_FOUND for another workspace's job) keep
// the API's message; a refused or lost connection gets ours.
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

// The browser cannot hold the API token, so this server subscribes to soundtrackJobUpdated(id) on its
// behalf, for each of `ids` over one socket (graphql-ws multiplexes), and relays each update as a
// Server-Sent Event: `job` with the job's fields, or one `failure` with a code and words, after which the
// stream ends. It also ends once every job has reached its final state, and lets go of the API
// subscriptions as soon as the browser goes away. The job page follows one id; the jobs list, its page's
// unfinished rows.
export function jobEventStream(
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
        const failure: RouteFailure = { code: error.code, message: error.message };
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
        const variables: SoundtrackJobUpdatedSubscriptionVariables = { id };
        client.subscribe<SoundtrackJobUpdatedSubscription>(
          { query: SoundtrackJobUpdatedDocument.toString(), variables },
          {
            next: (message) => {
              if (message.errors?.length) return fail(subscriptionError(message.errors));
              const job = message.data?.soundtrackJobUpdated;
              if (!job) return;
              write(serverSentEvent('job', job));
              if (isFinished(job.status)) done(id);
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
