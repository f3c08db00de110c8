import { BadUserInputError, NotFoundError } from '@loris/engine';

/** The same answer for a missing id and another tenant's id: existence elsewhere is not revealed. */
export class DatasetNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Dataset ${id} was not found`);
  }
}

export class DatasetNameTakenError extends BadUserInputError {
  constructor(name: string) {
    super(`A dataset named "${name}" already exists; choose another name`);
  }
}

export class InvalidDatasetSettingsError extends BadUserInputError {}
