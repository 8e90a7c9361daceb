/** A value quoted as a JQL string literal (quotes and backslashes escaped), safe to put into any clause. */
export function jqlString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
