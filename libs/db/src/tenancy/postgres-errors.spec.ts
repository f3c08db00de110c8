import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from './postgres-errors';

const pgError = (fields: Record<string, string>) => Object.assign(new Error(fields.message ?? 'x'), fields);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a cut connection (pg has no SQLSTATE for it)',
      pgError({ message: 'Connection terminated unexpectedly' }),
    ],
    [
      'a refused connection',
      pgError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }),
    ],
    ['a server shutting down (57P01)', pgError({ code: '57P01', message: 'terminating connection' })],
    ['a server starting (57P03)', pgError({ code: '57P03', message: 'the database system is starting up' })],
    ['a connection exception (08006)', pgError({ code: '08006', message: 'connection failure' })],
    ['the same through TypeORM', new QueryFailedError('SELECT 1', [], pgError({ code: '57P01' }))],
  ])('is true for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', pgError({ code: '23505' })],
    ['a syntax error', pgError({ code: '42601', message: 'syntax error' })],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', 'Connection terminated'],
  ])('is false for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));

  it('leaves isUniqueViolation as it was', () => {
    expect(isUniqueViolation(pgError({ code: '23505', constraint: 'k' }), 'k')).toBe(true);
  });
});
