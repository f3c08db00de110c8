import { GraphQLFormattedError } from 'graphql';

// graphql-js appends these to validation errors ("Cannot query field "x" on type "Query". Did you mean
// "y"?"), naming fields and types: with introspection off they would hand the schema out piece by piece.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The error without graphql-js' "Did you mean …?" suggestions. */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  // replace(), not test(): a global regex's test() keeps lastIndex between calls and would skip matches.
  const message = error.message.replace(SUGGESTION, '');
  return message === error.message ? error : { ...error, message };
}
