import { isUuid } from '@loris/db';

/** Position in the newest-first dataset list: the (createdAt, id) of the last row of a page. */
export interface DatasetCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: DatasetCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeCursor(text: string): DatasetCursor | null {
  const [iso, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || !isUuid(id)) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id };
}
