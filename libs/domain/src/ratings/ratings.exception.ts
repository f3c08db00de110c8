import { BadUserInputError, ForbiddenError, NotFoundError } from '@loris/engine';

/** The same answer for a missing id and another tenant's id: existence elsewhere is not revealed. */
export class RatingCampaignNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Rating campaign ${id} was not found`);
  }
}

export class RaterSessionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Rater session ${id} was not found`);
  }
}

export class InvalidRatingCampaignError extends BadUserInputError {
  constructor(detail: string) {
    super(`The campaign was refused: ${detail}`);
  }
}

/** A lifecycle move the campaign's state does not allow (prepare an open campaign, close a draft...). */
export class RatingCampaignStateError extends BadUserInputError {}

export class RatingCampaignForbiddenError extends ForbiddenError {
  constructor(what: string, who = 'an OWNER or an ENGINEER') {
    super(`Only ${who} may ${what}`);
  }
}

/**
 * Everything a rater is refused. The code is stable for the rater pages; the message says what to do.
 * One NOT_FOUND answer for an unknown link, an unknown session and a clip of another session, so a token
 * cannot learn whether another session's clip exists.
 */
export type RaterErrorCode =
  | 'NOT_FOUND'
  | 'CAMPAIGN_NOT_OPEN'
  | 'BANNED'
  | 'WRONG_STAGE'
  | 'BAD_VOTE'
  | 'NOT_PLAYED'
  | 'QUALIFICATION_FAILED'
  | 'BAD_INPUT';

export class RaterError extends Error {
  constructor(
    readonly code: RaterErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RaterError';
  }
}

export const raterNotFound = () =>
  new RaterError('NOT_FOUND', 'This link or clip is not valid. Open the link you were given again.', 404);
