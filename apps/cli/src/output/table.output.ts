/** One printable cell: numbers are shown with a fixed number of decimals so columns line up. */
export type Cell = string | number;

export interface TableOptions {
  /** Decimals for non-integer numbers (default 3). */
  decimals?: number;
}

function formatCell(cell: Cell, decimals: number): string {
  if (typeof cell === 'string') return cell;
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(decimals);
}

/**
 * A plain-text table: a header row, a rule, then the rows; numbers right-aligned, text left-aligned.
 * A column whose numbers are all integers prints them as integers; any other numeric column prints every
 * number with the same decimals, so 1 and 0.5 line up as 1.000 and 0.500.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const decimals = options.decimals ?? 3;
  const integerColumn = headers.map((_, column) =>
    rows.every((row) => typeof row[column] !== 'number' || Number.isInteger(row[column])),
  );
  const text = rows.map((row) =>
    row.map((cell, column) =>
      typeof cell === 'number' && !integerColumn[column]
        ? cell.toFixed(decimals)
        : formatCell(cell, decimals),
    ),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)),
  );
  const align = (value: string, column: number, numeric: boolean): string =>
    numeric ? value.padStart(widths[column]) : value.padEnd(widths[column]);
  const lines = [
    headers.map((header, column) => align(header, column, false)).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map((row, r) =>
      row.map((cell, column) => align(text[r][column], column, typeof cell === 'number')).join('  '),
    ),
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}

/** `key: value` lines with the keys padded to one width. */
export function formatKeyValues(
  entries: readonly (readonly [string, Cell])[],
  options: TableOptions = {},
): string {
  const decimals = options.decimals ?? 3;
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return entries
    .map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${formatCell(value, decimals)}`)
    .join('\n');
}

/** A long list shortened to its first items, for the readable (non-JSON) output. */
export function previewList(values: readonly number[], decimals = 3, limit = 12): string {
  const shown = values.slice(0, limit).map((value) => formatCell(value, decimals));
  const more = values.length > limit ? ` ... (${values.length} in all)` : '';
  return `[${shown.join(', ')}${more}]`;
}
