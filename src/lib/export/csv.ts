/**
 * CSV for spreadsheets (RFC 4180): fields with a comma, semicolon, quote or line break are quoted, quotes
 * doubled, lines end in CRLF. A text cell that starts with = + - @ (or a tab or carriage return), or would
 * start with one after a spreadsheet splits it at a comma or semicolon, gets a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV injection: a note reading
 * "=HYPERLINK(…)" must stay a note). Semicolons count because Excel in many European locales separates
 * fields with them, and reads `ok;=1+1` unquoted as a formula cell. A byte order mark lets Excel read
 * Chinese notes as UTF-8.
 */

/** One spreadsheet cell; `null` is an empty one. */
export type CsvCell = string | number | boolean | null;

/** A formula character at the start, or right after a field separator of either locale (spaces allowed). */
const FORMULA_START = /(^|[,;]\s*)[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
