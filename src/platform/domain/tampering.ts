/**
 * The tampering rule (issue 13). Jira lets anyone who can browse an issue read its properties and
 * anyone who can create one set them, so Liaison's properties are projections of its KVS records
 * and nothing believes them. A property is Liaison's when it equals what the record projected (this
 * version's value, or the version before's while its write to Jira is under way); anything else —
 * a property with no record behind it, or one that differs from the record — is tampering: readers
 * ignore it and the team is told once per issue and value (an audit entry, `tamper.<kind>`).
 */

export type TamperKind = 'change' | 'flags';

/** The same JSON value, whatever the order of object keys (Jira may answer them in another order). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Why a property is not Liaison's, or null when it is (absent, or one of the values the record projected). */
export function tamperReason(property: unknown, record: { exists: boolean; projected: readonly unknown[] }): string | null {
  if (property === undefined || property === null) return null;
  if (!record.exists) return 'no Liaison record stands behind it';
  return record.projected.some((value) => value !== undefined && sameJson(value, property)) ? null : 'it does not match what Liaison recorded';
}
