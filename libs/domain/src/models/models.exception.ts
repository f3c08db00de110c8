import { BadUserInputError, ForbiddenError, NotFoundError } from '@loris/engine';

/** The same answer for a missing id and another tenant's id: existence elsewhere is not revealed. */
export class ModelNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Model ${id} was not found`);
  }
}

export class ModelVersionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Model version ${id} was not found`);
  }
}

/** A model folder or upload that the registry refuses; the message names the file and the problem. */
export class InvalidModelVersionError extends BadUserInputError {
  constructor(detail: string) {
    super(`The model version was refused: ${detail}`);
  }
}

export class InvalidModelRequestError extends BadUserInputError {}

export class UnknownModelAliasError extends BadUserInputError {
  constructor(name: string) {
    super(`No model alias is named "${name}"; move one there first, or name "default" for the built-in model`);
  }
}

export class AliasMoveForbiddenError extends ForbiddenError {
  constructor() {
    super('Only an OWNER or an ENGINEER may move a model alias');
  }
}
