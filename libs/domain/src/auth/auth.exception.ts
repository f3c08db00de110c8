import { BadUserInputError, UnauthenticatedError } from '@loris/engine';

/** The same words for an unknown email and a wrong password, so the answer tells an attacker nothing. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Email or password is incorrect');
  }
}

export class EmailTakenError extends BadUserInputError {
  constructor() {
    super('An account with this email already exists; log in instead');
  }
}
