/** One sample of a run: which segment, version and seed. */
export interface PlannedSample {
  segmentId: string;
  modelVersionId: string;
  seed: number;
}

/** The key a sample is written under (the table's UNIQUE (run, version, segment, seed), within a run). */
export const sampleKey = (s: PlannedSample) => `${s.modelVersionId}/${s.segmentId}/${s.seed}`;

/**
 * Every sample of a run in one stable order: segments in the order given (the handler sorts them by id),
 * then versions in the order the run asked for them, then seeds as asked. Segment-major, so a segment's
 * ground truth is read once for all versions. The order does not depend on what was done before, so a
 * restarted run walks the same list and skips (remaining) what a previous attempt wrote.
 */
export function planSamples(
  segmentIds: readonly string[],
  modelVersionIds: readonly string[],
  seeds: readonly number[],
): PlannedSample[] {
  const plan: PlannedSample[] = [];
  for (const segmentId of segmentIds)
    for (const modelVersionId of modelVersionIds)
      for (const seed of seeds) plan.push({ segmentId, modelVersionId, seed });
  return plan;
}

/** The samples of `plan` not yet written, in plan order. */
export function remainingSamples(
  plan: readonly PlannedSample[],
  written: Iterable<PlannedSample>,
): PlannedSample[] {
  const done = new Set([...written].map(sampleKey));
  return plan.filter((sample) => !done.has(sampleKey(sample)));
}
