import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { formatGraphQLError } from './format-graphql-error';

// Apollo's label for a request graphql-js refused before any resolver ran; formatGraphQLError maps it to
// BAD_USER_INPUT. graphql-ws runs graphql-js directly, so nothing has labelled these errors yet.
const REQUEST_FAULT = 'GRAPHQL_VALIDATION_FAILED';

/**
 * graphql-js' own refusals (validation, variable coercion, an unknown operation) carry neither an original
 * error nor a path; anything a resolver or the event stream threw carries one or both.
 */
const isRequestFault = (error: GraphQLError) => !error.originalError && !error.path;

/** One error of a graphql-ws operation, exactly as the HTTP endpoint would format it. */
export function formatWsError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (!isRequestFault(error)) return formatGraphQLError(formatted, error);
  return formatGraphQLError(
    { ...formatted, extensions: { ...formatted.extensions, code: REQUEST_FAULT } },
    error,
  );
}

/**
 * graphql-ws hooks that put its errors through the same formatter as HTTP (Apollo's formatError does not
 * see the socket): `onNext` for results carrying errors (a subscription resolver that refused, e.g.
 * NOT_FOUND), `onError` for refusals before execution and failures of the event stream mid-way.
 */
export const graphqlWsErrorHooks: Required<Pick<ServerOptions, 'onNext' | 'onError'>> = {
  onNext: (_ctx, _id, _payload, _args, result) => {
    if (!result.errors?.length) return undefined;
    const { errors, ...rest } = result;
    return { ...rest, errors: errors.map(formatWsError) };
  },
  onError: (_ctx, _id, _payload, errors) => errors.map(formatWsError),
};
