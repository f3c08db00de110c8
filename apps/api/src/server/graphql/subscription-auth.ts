import { NoSchemaIntrospectionCustomRule, specifiedRules, validate, type ValidationRule } from 'graphql';
import type { Context } from 'graphql-ws';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import { RequestWithTenant } from '../tenancy/request-with-tenant';
import { graphqlWsErrorHooks } from './graphql-ws-errors';
import { withoutSuggestions } from './suggestions';
import { AppError, TenantContext } from '@loris/engine';

type WsContext = Context<Record<string, unknown> | undefined, { tenant?: TenantContext }>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * graphql-ws options: the connection is authenticated once, from connectionParams
 * ({ authorization: 'Bearer <token>' } or { apiKey } / { 'x-api-key' }), with the same checks as HTTP;
 * a connection without valid credentials is closed (4403) before any subscription. Operations are
 * validated with graphql-js' rules plus `extraRules` (the HTTP endpoint's limits), and errors are formatted
 * as over HTTP (graphqlWsErrorHooks).
 */
export function graphqlWsOptions(
  authenticator: RequestAuthenticator,
  extraRules: readonly ValidationRule[],
  { introspection }: { introspection: boolean },
) {
  // Apollo's `introspection: false` only guards HTTP: the socket runs graphql-js itself.
  const rules = [
    ...specifiedRules,
    ...extraRules,
    ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  return {
    ...(introspection ? graphqlWsErrorHooks : hidingSuggestions),
    validate: ((schema, document) => validate(schema, document, rules)) as typeof validate,
    onConnect: async (ctx: Context<Record<string, unknown> | undefined>): Promise<boolean> => {
      const params = ctx.connectionParams ?? {};
      try {
        const tenant = await authenticator.authenticate({
          authorization: text(params.authorization) ?? text(params.Authorization),
          apiKey: text(params.apiKey) ?? text(params['x-api-key']),
        });
        if (!tenant) return false;
        (ctx as WsContext).extra.tenant = tenant;
        return true;
      } catch (error) {
        if (error instanceof AppError) return false;
        throw error;
      }
    },
  };
}

/**
 * The resolvers' context: the Express request over HTTP; over graphql-ws (called with the socket's context)
 * a request-like object carrying the tenant authenticated at connection.
 */
export function graphqlContext(arg: { req?: RequestWithTenant } | WsContext): { req: RequestWithTenant } {
  if ('req' in arg && arg.req) return { req: arg.req };
  return { req: { tenant: (arg as WsContext).extra?.tenant } };
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
