import { GraphQLFormattedError } from 'graphql';

// graphql-js appends these to validation errors ("Cannot query field "x" on type "Query". Did you mean
// "y"?"), naming fields and types: with introspection off they would hand the schema out piece by piece.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The error without graphql-js' "Did you mean …?" suggestions. */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(error.message)
    ? { ...error, message: error.message.replace(SUGGESTION, '') }
    : error;
}
