'use client';

import { useEffect, useState } from 'react';
import { itemSegmentsAction } from '../actions/ratings.actions';
import type { ItemSegment } from '../lib/campaign-clips';

/** The API's largest page. */
const PAGE = 100;

export interface ItemSegments {
  /** The split's first segments in the campaign's item order, as many as were asked for (or it has). */
  segments: ItemSegment[];
  /** The split's size once the first page has come. */
  total: number | null;
  loading: boolean;
  error?: string;
  retry: () => void;
}

interface Loaded {
  key: string;
  segments: ItemSegment[];
  total: number | null;
  next: string | null;
  done: boolean;
  error?: string;
}

const fresh = (key: string): Loaded => ({ key, segments: [], total: null, next: null, done: false });

// A split's items for the New campaign form: its first `wanted` segments in the order the API takes them,
// fetched a page (at most 100) at a time as `wanted` grows, so a split of thousands costs only the pages
// the campaign's items fill (at most 500 segments). A new version or split starts over; an answer for one
// the form has left is dropped.
export function useItemSegments(
  datasetVersionId: string,
  split: string,
  wanted: number,
  enabled: boolean,
): ItemSegments {
  const key = `${datasetVersionId}|${split}`;
  const [stored, setStored] = useState<Loaded>(() => fresh(key));
  const loaded = stored.key === key ? stored : fresh(key);
  const have = loaded.segments.length;
  const pending = enabled && Boolean(datasetVersionId) && !loaded.error && !loaded.done && have < wanted;

  useEffect(() => {
    if (!pending) return;
    let live = true;
    void itemSegmentsAction(datasetVersionId, split, Math.min(PAGE, wanted - have), loaded.next).then(
      (answer) => {
        if (!live) return;
        setStored((previous) => {
          const base = previous.key === key ? previous : fresh(key);
          if ('error' in answer) return { ...base, error: answer.error || 'The segments could not be read.' };
          return {
            key,
            segments: [...base.segments, ...answer.segments],
            total: answer.total,
            next: answer.endCursor,
            done: !answer.hasNextPage,
          };
        });
      },
      () => {
        if (live)
          setStored((previous) => ({
            ...(previous.key === key ? previous : fresh(key)),
            error: 'The segments could not be read: check the connection, then try again.',
          }));
      },
    );
    return () => {
      live = false;
    };
  }, [pending, key, datasetVersionId, split, wanted, have, loaded.next]);

  return {
    segments: loaded.segments.slice(0, wanted),
    total: loaded.total,
    loading: pending,
    error: loaded.error,
    retry: () => setStored({ ...loaded, error: undefined }),
  };
}
