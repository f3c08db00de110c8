import { BadUserInputError, ForbiddenError, NotFoundError } from '@loris/engine';

export class SessionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Session ${id} was not found among your sessions`);
  }
}

/** Sessions and passwords belong to members: an API key has neither. */
export class NotASessionError extends ForbiddenError {
  constructor() {
    super('API keys have no sessions or password; log in as a member to do this');
  }
}

export class WrongCurrentPasswordError extends BadUserInputError {
  constructor() {
    super('currentPassword is not your current password');
  }
}

export class SamePasswordError extends BadUserInputError {
  constructor() {
    super('newPassword must differ from your current password');
  }
}

/** Two changes of the same password raced, and the other one won. */
export class PasswordChangedMeanwhileError extends BadUserInputError {
  constructor() {
    super(
      'Your password was changed by another request just now; enter the new current password and try again',
    );
  }
}
