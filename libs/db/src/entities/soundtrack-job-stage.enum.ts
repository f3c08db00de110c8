/**
 * Which part of the work a job is in (or, once it ended, the last part it reached): the status says whether
 * it runs, the stage says what it is doing. A pose-track job skips ESTIMATING_POSES and MUXING.
 */
export enum SoundtrackJobStage {
  QUEUED = 'QUEUED',
  ESTIMATING_POSES = 'ESTIMATING_POSES',
  GENERATING = 'GENERATING',
  MUXING = 'MUXING',
  ANALYSING = 'ANALYSING',
  DONE = 'DONE',
}
