// The rater pages' pure logic: which step a session's state shows, what an API refusal tells a rater, and
// which key is which answer. Shared by the client components and their unit spec, so it imports nothing.

export type RaterStage = 'CONSENT' | 'QUALIFICATION' | 'TRAINING' | 'RATING' | 'COMPLETED';

/** The API's RaterState (GET /rate/api/session), as the pages read it. */
export interface RaterState {
  stage: RaterStage;
  question: string;
  labels: string[];
  qualification: { tones: number; triesLeft: number; passed: boolean };
  training: { anchors: Array<{ index: number; expectedScore: number }> };
  progress: { done: number; total: number };
  clip: { id: string; position: number } | null;
  completionCode: string | null;
  campaignOpen: boolean;
}

export type RaterStep =
  'consent' | 'qualification' | 'turned-away' | 'training' | 'rating' | 'done' | 'closed';

/** The step a state shows. A closed campaign ends every unfinished session; a finished one keeps its code. */
export function stepOf(state: RaterState): RaterStep {
  if (state.stage === 'COMPLETED' || state.completionCode) return 'done';
  if (!state.campaignOpen) return 'closed';
  switch (state.stage) {
    case 'CONSENT':
      return 'consent';
    case 'QUALIFICATION':
      return state.qualification.triesLeft > 0 ? 'qualification' : 'turned-away';
    case 'TRAINING':
      return 'training';
    default:
      // RATING with no clip due: every vote is in and the code is on its way (the next state has it).
      return state.clip ? 'rating' : 'done';
  }
}

/** The API's refusal, `{error: {code, message}}`, with the HTTP status it came with. */
export class RaterApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RaterApiError';
  }
}

/** Reads a refusal's body; anything else (a proxy's HTML page, an empty body) gets a message of its own. */
export function raterErrorFrom(status: number, body: unknown): RaterApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new RaterApiError(error.code, error.message, status);
  }
  if (status === 429) {
    return new RaterApiError(
      'RATE_LIMITED',
      'Too many requests at once; wait a minute and try again.',
      status,
    );
  }
  return new RaterApiError(
    'UNAVAILABLE',
    'The study could not be reached. Check your connection and reload the page.',
    status,
  );
}

/**
 * Whether a refusal ends this page's session for good: the stored session token is then forgotten, so a
 * reload of a campaign link starts afresh instead of failing again.
 */
export function endsSession(error: RaterApiError): boolean {
  return error.code === 'NOT_FOUND' || error.code === 'BANNED';
}

/** The answer (1-5) a key press means, or null: digits 1-5 on the main row or the number pad. */
export function scoreForKey(key: string): number | null {
  return /^[1-5]$/.test(key) ? Number(key) : null;
}

/** The progress bar's share, 0-100, rounded; an empty session is 0. */
export function progressPercent(progress: { done: number; total: number }): number {
  if (progress.total <= 0) return 0;
  return Math.round((Math.min(progress.done, progress.total) / progress.total) * 100);
}

/** The five answers best first, as P.808 shows them (5 Excellent ... 1 Bad), from the API's worst-first list. */
export function answersBestFirst(labels: string[]): Array<{ score: number; label: string }> {
  return labels.map((label, index) => ({ score: index + 1, label })).reverse();
}
