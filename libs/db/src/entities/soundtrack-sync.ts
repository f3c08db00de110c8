/**
 * How the result's music meets the input's movement, measured once by the worker when a job succeeds
 * (soundtrack_jobs.sync, jsonb): times in seconds from the start of the result.
 */
export interface SoundtrackSync {
  /** Onsets detected in the generated audio (libs/audio, the scoring parameters). */
  onsets: number[];
  /** Peaks of the input's visual rhythm (libs/rhythm, the serving model's rhythm settings). */
  visualBeats: number[];
  /** Strict onset F-measure of the onsets against the visual beats (libs/metrics), with its parts. */
  fMeasure: number;
  precision: number;
  recall: number;
  /** Half-width of the matching window. */
  toleranceSeconds: number;
}
