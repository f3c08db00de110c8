import { isUuid } from '@loris/db';
import { BadUserInputError } from '../errors/app-error';

/**
 * Position in a newest-first list: the (createdAt, id) of the last row of a page. Every keyset-paginated
 * list (datasets, soundtrack jobs, and the lists later domains add) pages on these two columns.
 */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeCursor(text: string): PageCursor | null {
  const [iso, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || !isUuid(id)) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id };
}

export class InvalidCursorError extends BadUserInputError {
  constructor() {
    super('after must be an endCursor returned by a previous page');
  }
}

/** The cursor of `after`, or null for the first page; InvalidCursorError for text this API did not issue. */
export function cursorAfter(after: string | null | undefined): PageCursor | null {
  if (!after) return null;
  const cursor = decodeCursor(after);
  if (!cursor) throw new InvalidCursorError();
  return cursor;
}
