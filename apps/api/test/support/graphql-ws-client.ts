import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Credentials, GraphQLError } from './graphql-client';

export interface SubscriptionResult<T> {
  /** Every `data` received, in order. */
  data: T[];
  /** Resolves with the errors the server sent, or [] when it completed the subscription. */
  done: Promise<readonly GraphQLError[]>;
  close(): Promise<void>;
}

/** A graphql-ws client on the API's /graphql, with the credentials in connectionParams. */
export function wsClient(graphqlUrl: string, credentials: Credentials = {}): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: {
      ...(credentials.token ? { authorization: `Bearer ${credentials.token}` } : {}),
      ...(credentials.apiKey ? { apiKey: credentials.apiKey } : {}),
    },
  });
}

/** Starts a subscription and collects what it delivers; `done` settles on completion, error or close. */
export function subscribe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): SubscriptionResult<T> {
  const data: T[] = [];
  let stop = () => {};
  const done = new Promise<readonly GraphQLError[]>((resolve) => {
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (message) => {
          if (message.errors?.length) resolve(message.errors as unknown as GraphQLError[]);
          else if (message.data) data.push(message.data as T);
        },
        error: (error) =>
          resolve(
            Array.isArray(error)
              ? error
              : [{ message: (error as { reason?: string }).reason ?? String(error), extensions: {} }],
          ),
        complete: () => resolve([]),
      },
    );
  });
  return {
    data,
    done,
    async close() {
      stop();
      await client.dispose();
    },
  };
}
