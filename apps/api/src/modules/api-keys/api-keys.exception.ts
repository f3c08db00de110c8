import { NotFoundError } from '../../engine/errors/app-error';

export class ApiKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`API key ${id} was not found`);
  }
}
