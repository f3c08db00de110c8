import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, databaseUnavailableError, ErrorCode } from '@loris/engine';

const logger = new Logger('GraphQL');

// Apollo's own codes for requests that never reached a resolver: the client sent something wrong.
const CLIENT_FAULTS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The one place errors become what a client sees: our AppErrors keep their code and message, client
 * faults found by Apollo become BAD_USER_INPUT with graphql-js' message (it names the field and type),
 * a database that went away becomes SERVICE_UNAVAILABLE (retry), anything else is logged here and answered with a bare INTERNAL_SERVER_ERROR: no stack, no SQL.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const original = databaseUnavailableError(unwrapped) ?? unwrapped;
  const where = { locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return {
      message: original.message,
      ...where,
      extensions: { ...original.extensions, code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_FAULTS.has(code)) {
    return { message: formatted.message, ...where, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  const cause = original instanceof Error ? (original.stack ?? original.message) : String(original);
  logger.error(`${formatted.path?.join('.') ?? 'request'} failed: ${cause}`);
  return {
    message: 'Internal server error',
    ...where,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
