/**
 * What the change-request forms send and how they read a refusal: numbers typed as text, issue
 * keys typed as a list, and the server's field errors split between the fields a form shows and
 * the rest. Plain functions (no React), so unit tests run them in Node.
 */
import type { ErrorBody } from '../../../src/platform/domain/errors';

/** "2" -> 2, "" -> undefined, "abc" -> NaN (sent as is: the server names the field). */
export function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return Number(trimmed);
}

/**
 * The field errors of a refused change that the form shows next to its fields (`shown` lists the
 * paths it has fields for: a path and everything under it); the rest are named in the notice.
 */
export function splitFieldErrors(problem: ErrorBody | null, shown: readonly string[]): { inline: Record<string, string>; elsewhere: string[] } {
  const inline: Record<string, string> = {};
  const elsewhere: string[] = [];
  if (problem?.code !== 'VALIDATION' || !problem.fields) return { inline, elsewhere };
  for (const [path, message] of Object.entries(problem.fields)) {
    if (shown.some((p) => path === p || path.startsWith(`${p}.`))) inline[path] = message;
    else elsewhere.push(path === '_' ? message : `${path}: ${message}`);
  }
  return { inline, elsewhere };
}

/** "SHOP-12, shop-14 SHOP-15" -> ["SHOP-12", "SHOP-14", "SHOP-15"]. */
export function issueKeysIn(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((k) => k.trim().toUpperCase()).filter(Boolean))];
}
