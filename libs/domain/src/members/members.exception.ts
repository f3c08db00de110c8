import { BadUserInputError, UnauthenticatedError } from '@loris/engine';

export class InvitationInvalidError extends BadUserInputError {
  constructor() {
    super('This invitation is not valid: it was already used, it expired, or the link is incomplete');
  }
}

export class AlreadyMemberError extends BadUserInputError {
  constructor(email: string) {
    super(`${email} is already a member of this tenant`);
  }
}

export class ExistingAccountPasswordError extends UnauthenticatedError {
  constructor() {
    super('This email already has an account: enter that account’s password to accept');
  }
}
