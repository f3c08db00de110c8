import { InvalidCursorError } from '@loris/engine';
import type { ClipResult } from './campaign-results';
import { clipPage } from './clip-page';

const clip = (itemOrdinal: number, label: string): ClipResult => ({
  clipId: `${itemOrdinal}-${label}`,
  systemId: label,
  label,
  itemOrdinal,
  n: 1,
  mos: 3,
  std: null,
  ci95: null,
  low: null,
  high: null,
});

// 3 items x 2 systems, in campaignResults' order.
const clips = [0, 1, 2].flatMap((i) => [clip(i, 'baseline'), clip(i, 'model, v2')]);

describe('clipPage', () => {
  it('pages through every clip once, in order, and says when there is no more', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = clipPage(clips, 4, after);
      seen.push(...page.edges.map((e) => e.node.clipId));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(clips.map((c) => c.clipId));
  });

  it('goes on from the cursor’s place when that clip has left the list', () => {
    const first = clipPage(clips, 3);
    expect(first.edges.at(-1)!.node.clipId).toBe('1-baseline');
    // Clip "1-baseline" lost its counted votes since the first page was read.
    const later = clips.filter((c) => c.clipId !== '1-baseline');
    expect(clipPage(later, 3, first.pageInfo.endCursor).edges.map((e) => e.node.clipId)).toEqual([
      '1-model, v2',
      '2-baseline',
      '2-model, v2',
    ]);
  });

  it('answers an empty last page and refuses a cursor it did not issue', () => {
    expect(clipPage([], 10)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(() => clipPage(clips, 2, 'bm90LWEtY3Vyc29y')).toThrow(InvalidCursorError);
    expect(() => clipPage(clips, 2, Buffer.from('[1]').toString('base64url'))).toThrow(InvalidCursorError);
  });
});
