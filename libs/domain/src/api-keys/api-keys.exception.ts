import { NotFoundError } from '@loris/engine';

export class ApiKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`API key ${id} was not found`);
  }
}
