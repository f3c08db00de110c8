import { InvalidCursorError, Page } from '@loris/engine';
import type { ClipResult } from './campaign-results';

// The per-clip results are computed whole from the votes (systems x items can reach 10 000 clips), so they
// are paged in memory, in their own order: by item, then by system label (unique in a campaign). A cursor
// names a place in that order rather than a clip, so a page stays right when the clip at the cursor has
// lost its counted votes since (an owner excluded a session) and left the list.

type ClipPlace = Pick<ClipResult, 'itemOrdinal' | 'label'>;

function encodeClipCursor(clip: ClipPlace): string {
  return Buffer.from(JSON.stringify([clip.itemOrdinal, clip.label]), 'utf8').toString('base64url');
}

function decodeClipCursor(text: string): ClipPlace {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isInteger(parsed[0]) ||
    typeof parsed[1] !== 'string'
  ) {
    throw new InvalidCursorError();
  }
  return { itemOrdinal: parsed[0] as number, label: parsed[1] };
}

/** The order of campaignResults' clips: item, then system label. */
export function compareClips(a: ClipPlace, b: ClipPlace): number {
  return a.itemOrdinal - b.itemOrdinal || a.label.localeCompare(b.label);
}

/** `first` clips after the `after` cursor (none: from the start), as a connection page. */
export function clipPage(
  clips: readonly ClipResult[],
  first: number,
  after?: string | null,
): Page<ClipResult> {
  const from = after ? decodeClipCursor(after) : null;
  const rest = from ? clips.filter((clip) => compareClips(clip, from) > 0) : clips;
  const edges = rest.slice(0, first).map((clip) => ({ cursor: encodeClipCursor(clip), node: clip }));
  return { edges, pageInfo: { hasNextPage: rest.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
