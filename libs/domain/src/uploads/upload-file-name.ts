/** The longest file name kept (the column's check); longer names keep their end, where the extension is. */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * The upload's own file name from the `X-File-Name` request header: percent-encoded UTF-8 (as
 * encodeURIComponent writes it, since a header carries only Latin-1), or plain ASCII. Only a name is kept:
 * any folder part is dropped, control and bidirectional-override characters are removed, and spaces are
 * collapsed. Null when nothing usable is left, or the header is absent; a name never decides anything
 * (the kind is read from the bytes), it is only shown and used to name downloads.
 */
export function uploadFileName(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  const name = decoded
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (name === '' || name === '.' || name === '..') return null;
  const chars = Array.from(name);
  return chars.length > MAX_FILE_NAME_LENGTH ? chars.slice(-MAX_FILE_NAME_LENGTH).join('') : name;
}
