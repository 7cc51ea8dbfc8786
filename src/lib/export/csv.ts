/**
 * CSV for spreadsheets (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled,
 * lines end in CRLF. A text cell starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe, so a spreadsheet shows it as text instead of running it as a formula (CSV injection: a note
 * reading "=HYPERLINK(…)" must stay a note). A byte order mark lets Excel read Chinese notes as UTF-8.
 */

/** One spreadsheet cell; `null` is an empty one. */
export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
