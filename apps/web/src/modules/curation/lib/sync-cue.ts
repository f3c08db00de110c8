import { percent } from '../../soundtracks/lib/sync-words';

// Below this share of matched onsets a segment's footage and music most likely do not belong together
// (a dubbed or edited clip); above the upper one they plainly do. The worker measured the F-measure at
// ingest (strict onsets, +-70 ms); the page only puts it in words so badly synced footage stands out.
const outOfSyncBelow = 0.3;
const inSyncFrom = 0.6;

export type SyncLevel = 'none' | 'poor' | 'fair' | 'good';

export function syncLevel(fMeasure: number | null): SyncLevel {
  if (fMeasure === null) return 'none';
  if (fMeasure < outOfSyncBelow) return 'poor';
  if (fMeasure < inSyncFrom) return 'fair';
  return 'good';
}

/** The sync cue in words: the strict onset F-measure of the audio onsets against the visual rhythm. */
export function syncCue(fMeasure: number | null, flags: readonly string[]): string {
  if (fMeasure === null) {
    return flags.includes('no_person')
      ? 'Sync not measured: no person was found, so the footage has no visual rhythm.'
      : 'Sync not measured: the segment has no visual rhythm.';
  }
  const share = `onset F-measure ${percent(fMeasure)} (±70 ms)`;
  switch (syncLevel(fMeasure)) {
    case 'poor':
      return `Likely out of sync: ${share}. Watch it before accepting.`;
    case 'fair':
      return `Loosely in sync: ${share}.`;
    default:
      return `In sync: ${share}.`;
  }
}
