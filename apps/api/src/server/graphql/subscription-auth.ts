import {
  execute,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type ValidationRule,
} from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import { RequestWithTenant } from '../tenancy/request-with-tenant';
import { SocketCaps } from '../ws/socket-caps';
import { SocketCloseCode } from '../ws/socket-close-codes';
import { SocketGate } from '../ws/socket-gate';
import { SocketRecheck } from '../ws/socket-recheck';
import { credentialsOf, SocketSession } from '../ws/socket-session';
import { socketClientIp } from '../ws/socket-client-ip';
import { SocketOperation, socketOperationOf } from '../ws/socket-operation';
import type { SocketExtra as TransportExtra } from '../ws/socket-transport';
import { graphqlWsErrorHooks } from './graphql-ws-errors';
import { withoutSuggestions } from './suggestions';
import { AppError, RateLimitedError, UnauthenticatedError } from '@loris/engine';

export type SocketExtra = TransportExtra & { session?: SocketSession };
type SocketContext = Context<Record<string, unknown> | undefined, SocketExtra>;
export type SocketServerOptions = ServerOptions<Record<string, unknown> | undefined, SocketExtra>;

export interface SocketRules {
  schema: GraphQLSchema;
  /** The HTTP endpoint's validation rules (depth and cost limits). */
  extraRules: readonly ValidationRule[];
  introspection: boolean;
  trustProxy: boolean;
  maxSocketsPerCaller: number;
  initTimeoutMs: number;
  gate: SocketGate;
  recheck: SocketRecheck;
  caps: SocketCaps;
}

/**
 * graphql-ws options under the same rules as HTTP. connection_init is authenticated from connectionParams
 * ({ authorization: 'Bearer <token>' } or { apiKey } / { 'x-api-key' }) and charged to the rate budget;
 * then every subscribe message (queries and mutations included) is authenticated again from those params
 * and charged again, so a revoked key, a removed member or a changed role holds from the next operation
 * on, and running subscriptions end when the credentials stop holding (SocketRecheck, SocketSession).
 * Operations are validated with graphql-js' rules plus the HTTP endpoint's limits; errors are formatted
 * as over HTTP (graphqlWsErrorHooks).
 */
export function graphqlWsOptions(rules: SocketRules): SocketServerOptions {
  const validationRules = [
    ...specifiedRules,
    ...rules.extraRules,
    // Apollo's `introspection: false` only guards HTTP: the socket runs graphql-js itself.
    ...(rules.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const { gate, recheck, caps } = rules;
  const hooks = rules.introspection ? graphqlWsErrorHooks : hidingSuggestions;
  return {
    ...hooks,
    onError: (ctx, id, payload, errors) =>
      errors.every(isRefusal) ? errors.map(formatRefusal) : hooks.onError(ctx, id, payload, errors),
    connectionInitWaitTimeout: rules.initTimeoutMs,
    onConnect: async (ctx: SocketContext): Promise<boolean> => {
      const session = new SocketSession(
        socketClientIp(ctx.extra.request, rules.trustProxy),
        credentialsOf(ctx.connectionParams),
      );
      const result = await gate.admit(session);
      if ('refused' in result) {
        if (result.refused instanceof RateLimitedError) {
          ctx.extra.socket.close(SocketCloseCode.RateLimited, result.refused.message);
        }
        // graphql-ws closes with 4403 Forbidden (a no-op when closed above).
        return false;
      }
      const slot = `caller:${result.tenant.apiKeyId ?? result.tenant.userId}`;
      if (!caps.take(slot, rules.maxSocketsPerCaller)) {
        ctx.extra.socket.close(
          SocketCloseCode.TooManyForCaller,
          `Too many open sockets for these credentials (at most ${rules.maxSocketsPerCaller}); close one first`,
        );
        return false;
      }
      session.callerSlot = slot;
      ctx.extra.session = session;
      recheck.add(session);
      return true;
    },
    onClose: (ctx: SocketContext) => {
      const session = ctx.extra.session;
      if (!session) return;
      recheck.remove(session);
      if (session.callerSlot) caps.release(session.callerSlot);
    },
    onSubscribe: async (ctx: SocketContext, _id, payload) => {
      const session = ctx.extra.session;
      if (!session) return [refusal(new UnauthenticatedError('Send connection_init first'))];
      const result = await gate.admit(session);
      if ('refused' in result) return [refusal(result.refused)];
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        // graphql-ws would let a syntax error escape and close the socket with 4500; it is the client's fault.
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      const errors = validate(rules.schema, document, validationRules);
      if (errors.length) return errors;
      const req: RequestWithTenant = { tenant: result.tenant };
      const operation = SocketOperation.start(result.tenant, document, payload.operationName);
      return {
        schema: rules.schema,
        document,
        variableValues: payload.variables,
        operationName: payload.operationName,
        contextValue: { req, operation },
      };
    },
    // graphql-js' own, run inside the operation's log context and span (see SocketOperation).
    execute: (args) => socketOperationOf(args.contextValue)?.run(() => execute(args)) ?? execute(args),
    subscribe: (args) => socketOperationOf(args.contextValue)?.run(() => subscribe(args)) ?? subscribe(args),
    onOperation: (ctx: SocketContext, _id, _payload, args, result) => {
      socketOperationOf(args.contextValue)?.end(result);
      const session = ctx.extra.session;
      if (!session || !isAsyncIterable(result)) return undefined;
      return session.track(result[Symbol.asyncIterator]());
    },
  };
}

/** The resolvers' context over HTTP: the Express request, carrying the tenant edge auth found. */
export function graphqlContext({ req }: { req: RequestWithTenant }): { req: RequestWithTenant } {
  return { req };
}

/**
 * An AppError the socket itself answers with (credentials, rate limit, a subscription ended by a
 * revocation): it carries the AppError but no path, as no resolver was running.
 */
const refusal = (error: AppError) => new GraphQLError(error.message, { originalError: error });
const isRefusal = (error: GraphQLError) => error.originalError instanceof AppError && !error.path;

// As HTTP answers the same AppError: its code, its message and what the client acts on (retryAfterSeconds).
function formatRefusal(error: GraphQLError) {
  const cause = error.originalError as AppError;
  return { message: cause.message, extensions: { ...cause.extensions, code: cause.code } };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof Object(value)[Symbol.asyncIterator] === 'function';
}

/** graphqlWsErrorHooks whose errors carry no "Did you mean …?" (introspection off). */
const hidingSuggestions: typeof graphqlWsErrorHooks = {
  onNext: async (...args) => {
    const result = await graphqlWsErrorHooks.onNext(...args);
    if (!result?.errors) return result;
    return { ...result, errors: result.errors.map(withoutSuggestions) };
  },
  onError: async (...args) => {
    const errors = await graphqlWsErrorHooks.onError(...args);
    return errors?.map(withoutSuggestions);
  },
};
