// The strict onset F-measure in plain words. It is the harmonic mean of how many dance beats an onset meets
// and how many onsets meet a beat, read here as "beats in sync"; the counts and the window say what it
// measured, for anyone who wants more than the headline.
export interface SyncFacts {
  onsets: readonly number[];
  visualBeats: readonly number[];
  fMeasure: number;
  precision: number;
  recall: number;
  toleranceSeconds: number;
}

export function percent(share: number): string {
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
}

export function syncHeadline(sync: Pick<SyncFacts, 'fMeasure'>): string {
  return `${percent(sync.fMeasure)} of beats in sync`;
}

export function syncDetails(sync: SyncFacts): string {
  const met = Math.round(sync.recall * sync.visualBeats.length);
  const window = Math.round(sync.toleranceSeconds * 1000);
  const beats = sync.visualBeats.length === 1 ? 'dance beat' : 'dance beats';
  const onsets = sync.onsets.length === 1 ? 'music onset' : 'music onsets';
  return (
    `${sync.onsets.length} ${onsets} and ${sync.visualBeats.length} ${beats}: ${met} of the beats have an ` +
    `onset within ${window} ms (${percent(sync.recall)}), and ${percent(sync.precision)} of the onsets ` +
    `fall on a beat.`
  );
}
