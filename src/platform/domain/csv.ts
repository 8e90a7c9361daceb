/**
 * CSV exports (RFC 4180) that are safe to open in a spreadsheet: CRLF line ends, a field quoted
 * when it holds a comma, a quote or a line break (quotes doubled), and text that a spreadsheet
 * would run as a formula defused with a leading apostrophe.
 */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"):
 * such text gets a leading apostrophe, which shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: numbers as written (a negative number is data, not a formula), booleans yes/no, nothing as empty. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A header row and the rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('\r\n') + '\r\n';
}
