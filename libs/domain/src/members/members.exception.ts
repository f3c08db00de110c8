import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '@loris/engine';

export class InvitationInvalidError extends BadUserInputError {
  constructor() {
    super(
      'This invitation is not valid: it was already used or withdrawn, it expired, or the link is incomplete',
    );
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

export class MemberNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Member ${id} was not found`);
  }
}

export class InvitationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Invitation ${id} was not found`);
  }
}

export class InvitationAlreadyAcceptedError extends BadUserInputError {
  constructor(email: string) {
    super(`The invitation of ${email} was already accepted: remove the member instead`);
  }
}

/** What the last owner was about to lose their role by. */
export type LastOwnerChange = 'demote' | 'remove' | 'leave';

/**
 * A tenant always keeps one OWNER: nobody else could manage its members, keys or quotas. `reason` is the
 * stable code a client can branch on (the message is for people and may be reworded).
 */
export class LastOwnerError extends BadUserInputError {
  static readonly reason = 'LAST_OWNER';

  constructor(change: LastOwnerChange, email: string) {
    super(lastOwnerMessage(change, email));
    this.extensions.reason = LastOwnerError.reason;
  }
}

function lastOwnerMessage(change: LastOwnerChange, email: string): string {
  switch (change) {
    case 'demote':
      return `${email} is the last owner of this workspace: make another member an owner before changing their role`;
    case 'remove':
      return `${email} is the last owner of this workspace: make another member an owner before removing them`;
    case 'leave':
      return 'You are the last owner of this workspace: transfer ownership to another member before you leave';
  }
}

/** The caller's session says OWNER, but their role changed a moment ago (another owner's request won). */
export class NoLongerOwnerError extends ForbiddenError {
  constructor() {
    super('You are no longer an owner of this workspace, so you may not manage its members');
  }
}

/** Leaving and handing over ownership are things a person does with their own membership. */
export class MemberSessionRequiredError extends ForbiddenError {
  constructor(what: string) {
    super(`Only a member signed in with a session can ${what}: an API key has no membership`);
  }
}

export class OwnershipTargetError extends BadUserInputError {
  constructor(email: string, self: boolean) {
    super(
      self
        ? 'You already own this workspace: choose another member to transfer ownership to'
        : `${email} is already an owner: to step down yourself, change your own role or leave the workspace`,
    );
  }
}
