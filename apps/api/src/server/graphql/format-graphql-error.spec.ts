import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from './format-graphql-error';
import { NotFoundError } from '@loris/engine';

describe('formatGraphQLError', () => {
  // The unexpected error below is logged on purpose; keep it out of the test output.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  const wrap = (original: Error) =>
    new GraphQLError(original.message, { originalError: original, path: ['dataset'] });

  it('keeps the code and message of our errors, and nothing else', () => {
    const error = new NotFoundError('Dataset x was not found');
    const formatted = formatGraphQLError(
      { message: error.message, path: ['dataset'], extensions: { code: 'X', stacktrace: ['at somewhere'] } },
      wrap(error),
    );
    expect(formatted).toEqual({
      message: 'Dataset x was not found',
      path: ['dataset'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('hides unexpected errors: no message, stack or SQL reaches the client', () => {
    const sqlError = new Error(
      'duplicate key value violates unique constraint "users_email_key" in INSERT INTO users',
    );
    const formatted = formatGraphQLError(
      {
        message: sqlError.message,
        path: ['signUp'],
        extensions: { stacktrace: sqlError.stack?.split('\n') },
      },
      wrap(sqlError),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['signUp'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/INSERT|users_email_key|at /);
  });

  it("turns Apollo's validation failures into BAD_USER_INPUT with graphql-js' message", () => {
    const message = 'Value "JAZZ" does not exist in "DatasetCategory" enum.';
    const formatted = formatGraphQLError(
      { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError(message),
    );
    expect(formatted).toEqual({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
