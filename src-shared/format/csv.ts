/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet. Pure: used by the renderer (the
 * flag-debt board) and by main (the streamed audit export).
 *
 * Text that starts with = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice
 * and Google Sheets, and a flag's owner or expiry is written by whoever can edit flags: such a
 * cell gets a leading apostrophe so it is shown as text, never evaluated (OWASP "CSV injection").
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
// leading or trailing blanks are kept only inside quotes by most readers
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: numbers and booleans as written, text neutralised and quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Our own numbers cannot carry a formula; a negative one stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ending in CRLF as RFC 4180 asks: written a line at a time by a streamed export. */
export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A header row and the data rows, CRLF between records as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
