import type { SegmentRejectReason } from '@/graphql/generated';
import { reasonForKey } from './reject-reasons';

export type ReviewKeyAction =
  | { kind: 'play-pause' }
  | { kind: 'accept' }
  | { kind: 'reject' }
  | { kind: 'reason'; reason: SegmentRejectReason }
  | { kind: 'next' }
  | { kind: 'previous' };

/** What the review page needs to know of a keydown. */
export interface ReviewKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name ("INPUT"), its type for an input ("checkbox"), and contenteditable. */
  targetTag: string;
  targetType?: string;
  targetEditable: boolean;
}

// Inputs that are pressed rather than typed in: a letter there is still a shortcut, but space is theirs.
const pressedInputTypes = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

// Where the user types, every key is theirs: a note's letters, a select's keys.
function isTyping(event: ReviewKey): boolean {
  const tag = event.targetTag.toUpperCase();
  if (event.targetEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !pressedInputTypes.has((event.targetType ?? 'text').toLowerCase());
}

// Space on a button, checkbox or radio presses it, as the browser does.
function isPressable(event: ReviewKey): boolean {
  const tag = event.targetTag.toUpperCase();
  return (
    tag === 'BUTTON' || (tag === 'INPUT' && pressedInputTypes.has((event.targetType ?? '').toLowerCase()))
  );
}

// The review page's keyboard: space plays and pauses, A accepts, R rejects, 1-9 pick a reason, J and K move
// to the next and previous segment. Nothing while typing, and nothing with a modifier (Ctrl+R reloads).
export function reviewKeyAction(event: ReviewKey): ReviewKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTyping(event)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === ' ') return isPressable(event) ? null : { kind: 'play-pause' };
  if (key === 'a') return { kind: 'accept' };
  if (key === 'r') return { kind: 'reject' };
  if (key === 'j') return { kind: 'next' };
  if (key === 'k') return { kind: 'previous' };
  const reason = reasonForKey(key);
  return reason ? { kind: 'reason', reason } : null;
}
