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
