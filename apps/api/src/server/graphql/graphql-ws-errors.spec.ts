import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { formatWsError, graphqlWsErrorHooks } from './graphql-ws-errors';
import { NotFoundError } from '@loris/engine';

describe('graphql-ws error formatting', () => {
  // The unexpected error below is logged on purpose; keep it out of the test output.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it("keeps a resolver's AppError code and message, as over HTTP", () => {
    const original = new NotFoundError('Soundtrack job x was not found');
    const error = new GraphQLError(original.message, {
      originalError: original,
      path: ['soundtrackJobUpdated'],
    });
    expect(formatWsError(error)).toEqual({
      message: 'Soundtrack job x was not found',
      path: ['soundtrackJobUpdated'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('hides what the event stream threw mid-way (graphql-ws wraps it without a path)', () => {
    const original = new Error('connect ECONNREFUSED 127.0.0.1:6379 at RedisClient');
    const formatted = formatWsError(new GraphQLError(original.message, { originalError: original }));
    expect(formatted).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("answers graphql-js' own refusals as BAD_USER_INPUT with its message", () => {
    const error = new GraphQLError('Cannot query field "secret" on type "SoundtrackJob".');
    expect(formatWsError(error)).toEqual({
      message: 'Cannot query field "secret" on type "SoundtrackJob".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('leaves results without errors to graphql-ws, and formats every error of one that has some', () => {
    const args = [undefined, '1', { query: '' }, undefined] as unknown as [never, string, never, never];
    expect(graphqlWsErrorHooks.onNext(...args, { data: { a: 1 } })).toBeUndefined();
    const result = graphqlWsErrorHooks.onNext(...args, {
      data: null,
      errors: [new GraphQLError('Variable "$id" of required type "ID!" was not provided.')],
    });
    expect(result).toEqual({
      data: null,
      errors: [
        {
          message: 'Variable "$id" of required type "ID!" was not provided.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});
