/**
 * Elapsed time and ETA of a training run, from what its row says: the steps done, the horizon and the
 * trainer's latest seconds per step (its own measure over the last logged window, so a slow start-up does
 * not inflate it). A finished run has no ETA; a run with no speed yet has none either.
 */
export interface RunTiming {
  elapsedSeconds: number | null;
  etaSeconds: number | null;
}

export function runTiming(
  run: {
    startedAt: Date | null;
    endedAt: Date | null;
    lastStep: number;
    steps: number;
    secondsPerStep: number | null;
  },
  finished: boolean,
  now: Date = new Date(),
): RunTiming {
  const elapsedSeconds = run.startedAt
    ? Math.max(0, ((run.endedAt ?? now).getTime() - run.startedAt.getTime()) / 1000)
    : null;
  if (finished || run.secondsPerStep === null || !(run.secondsPerStep > 0)) {
    return { elapsedSeconds, etaSeconds: null };
  }
  const left = Math.max(0, run.steps - run.lastStep);
  return { elapsedSeconds, etaSeconds: left * run.secondsPerStep };
}
