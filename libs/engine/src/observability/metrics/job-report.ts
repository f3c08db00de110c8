// What a job handler tells the worker about its run beyond resolving or throwing, without knowing what
// records it (prom-client stays in libs/engine): JobRun.report, absent when nothing records.

/**
 * How a run that returns normally ended when it was not a success: the handler ended its job itself, FAILED
 * with the code it recorded, or CANCELLED; or found nothing to do (its job already ended elsewhere).
 */
export type ReportedOutcome =
  { outcome: 'failed'; code: string } | { outcome: 'cancelled' } | { outcome: 'skipped' };

export interface JobReport {
  /** The run's outcome when it is not 'succeeded'; the last call wins. */
  ended(outcome: ReportedOutcome): void;
  /** One generation made `audioSeconds` of audio in `computeSeconds` of wall-clock time. */
  generated(audioSeconds: number, computeSeconds: number): void;
}
