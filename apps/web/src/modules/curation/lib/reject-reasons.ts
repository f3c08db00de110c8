import type { SegmentRejectReason } from '@/graphql/generated';

// The paper's manual filter, in the order the review page numbers them: key 1 picks the first, and so on.
export const rejectReasons: readonly { value: SegmentRejectReason; label: string }[] = [
  { value: 'NOISY_AUDIO', label: 'Noisy audio' },
  { value: 'VOCALS_OR_COMMENTARY', label: 'Vocals or commentary' },
  { value: 'NO_MUSIC', label: 'No music' },
  { value: 'MISSING_FRAMES', label: 'Missing frames' },
  { value: 'NO_PERSON', label: 'No person' },
  { value: 'OUT_OF_SYNC', label: 'Out of sync' },
  { value: 'OTHER', label: 'Other (add a note)' },
];

export function reasonLabel(reason: SegmentRejectReason): string {
  return rejectReasons.find((entry) => entry.value === reason)?.label ?? reason;
}

/** The reason a number key picks ("1" the first), or nothing for a key past the list. */
export function reasonForKey(key: string): SegmentRejectReason | undefined {
  if (!/^[1-9]$/.test(key)) return undefined;
  return rejectReasons[Number(key) - 1]?.value;
}
