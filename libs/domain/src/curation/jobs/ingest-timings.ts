import { performance } from 'node:perf_hooks';

/** The stages of a segment's ingest, as `npm run bench:ingest` reports them. */
export const INGEST_STAGES = [
  'probe',
  'audio',
  'poses',
  'featuresAndRhythm',
  'onsets',
  'thumbnail',
  'storageAndDatabase',
] as const;
export type IngestStage = (typeof INGEST_STAGES)[number];

/**
 * Wall-clock seconds spent per stage over a whole ingest. Stages that run side by side (audio and the
 * thumbnail are extracted by ffmpeg while MoveNet estimates poses) each count their own time, so the sum
 * can exceed the total.
 */
export class IngestTimings {
  readonly seconds: Record<IngestStage, number> = Object.fromEntries(
    INGEST_STAGES.map((stage) => [stage, 0]),
  ) as Record<IngestStage, number>;

  /** How many times each stage ran (e.g. pose estimation once per window read from the video). */
  readonly runs: Record<IngestStage, number> = Object.fromEntries(
    INGEST_STAGES.map((stage) => [stage, 0]),
  ) as Record<IngestStage, number>;

  async time<T>(stage: IngestStage, work: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    this.runs[stage] += 1;
    try {
      return await work();
    } finally {
      this.seconds[stage] += (performance.now() - start) / 1000;
    }
  }
}
