import { BadUserInputError, NotFoundError } from '@loris/engine';

export class ApiKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`API key ${id} was not found`);
  }
}

export class ApiKeyLimitError extends BadUserInputError {
  constructor(max: number) {
    super(
      `This tenant already has ${max} active API keys, the most allowed: revoke one before creating another`,
    );
  }
}

export class ApiKeyExpiryInPastError extends BadUserInputError {
  constructor(expiresAt: Date) {
    super(`expiresAt must be in the future; ${expiresAt.toISOString()} has passed`);
  }
}

/** Rotation keeps a key going with a new secret: a revoked or expired key has nothing to keep going. */
export class ApiKeyNotRotatableError extends BadUserInputError {
  constructor(id: string, why: 'revoked' | 'expired') {
    super(`API key ${id} is ${why} and cannot be rotated; create a new key instead`);
  }
}
