export type InvalidMetricsInputCode =
  | 'METRICS_BAD_SAMPLE_RATE'
  | 'METRICS_BAD_SAMPLE_COUNT'
  | 'METRICS_BAD_TIME'
  | 'METRICS_TIME_OUT_OF_RANGE'
  | 'METRICS_BAD_BEAT_VECTOR'
  | 'METRICS_GT_SHORTER'
  | 'METRICS_EMPTY_SET'
  | 'METRICS_BAD_TOLERANCE'
  | 'METRICS_BAD_CONFIDENCE'
  | 'METRICS_BAD_RATING';

/** Scores asked of inputs they are not defined for; the message says which value and why. */
export class InvalidMetricsInput extends Error {
  constructor(
    readonly code: InvalidMetricsInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidMetricsInput';
  }
}
