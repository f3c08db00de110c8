import { encodeCursor, PageCursor } from './cursor';

/** A page of a keyset-paginated list, in the GraphQL connection shape. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * The page of `rows`, read with LIMIT first + 1: the extra row only tells that there is a next page.
 * `position` gives a row's (createdAt, id), the cursor's columns.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  first: number,
  position: (row: R) => PageCursor,
  node: (row: R) => T,
): Page<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(position(row)), node: node(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
