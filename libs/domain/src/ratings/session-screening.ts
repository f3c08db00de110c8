import type { RatingScreeningRules } from '@loris/db';

/**
 * P.808-style data cleansing of one rater session (issue 17 "Screening"), pure. A session that breaks a
 * rule is kept with its reasons and left out of the scores; the owner may override by hand.
 */

export const DEFAULT_SCREENING: RatingScreeningRules = {
  traps: true,
  gold: true,
  goldTolerance: 1,
  tooFast: true,
  sameAnswer: true,
  minPearsonR: 0.25,
};

export type ExclusionReason = 'TRAP_FAILED' | 'GOLD_MISSED' | 'TOO_FAST' | 'SAME_ANSWER';

export interface ScreenedVote {
  kind: 'TEST' | 'GOLD' | 'TRAP';
  score: number;
  expectedScore: number | null;
  /** The clip's length. */
  seconds: number;
}

export interface SessionTiming {
  /** From the first clip handed out to the last vote. */
  ratingSeconds: number;
}

/** The reasons a finished session is excluded; empty when it passes every rule that is on. */
export function screenSession(
  votes: ScreenedVote[],
  timing: SessionTiming,
  rules: RatingScreeningRules,
): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (rules.traps && votes.some((v) => v.kind === 'TRAP' && v.score !== v.expectedScore))
    reasons.push('TRAP_FAILED');
  if (
    rules.gold &&
    votes.some(
      (v) =>
        v.kind === 'GOLD' &&
        v.expectedScore !== null &&
        Math.abs(v.score - v.expectedScore) > rules.goldTolerance,
    )
  ) {
    reasons.push('GOLD_MISSED');
  }
  const totalClipSeconds = votes.reduce((sum, v) => sum + v.seconds, 0);
  if (rules.tooFast && votes.length > 0 && timing.ratingSeconds < totalClipSeconds) reasons.push('TOO_FAST');
  const tests = votes.filter((v) => v.kind === 'TEST');
  if (rules.sameAnswer && tests.length > 1 && tests.every((v) => v.score === tests[0].score))
    reasons.push('SAME_ANSWER');
  return reasons;
}

/** Pearson's r of two equal-length series; null when either is constant or there are fewer than 3 pairs. */
export function pearsonR(x: number[], y: number[]): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Whether a session counts: the owner's override wins, else the screening outcome. */
export function sessionCounts(excluded: boolean, override: 'INCLUDE' | 'EXCLUDE' | null): boolean {
  if (override === 'INCLUDE') return true;
  if (override === 'EXCLUDE') return false;
  return !excluded;
}
