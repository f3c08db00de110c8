// CSV as RFC 4180 reads it: a field with a comma, a quote or a line break is quoted, its quotes doubled;
// rows end in CRLF.
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula. Audit values
// are partly typed by members (dataset names, emails), so such a cell is prefixed with ' and shown as text.
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
