/** Audit trail entries: who did what, when, with each text part on one line. */
export interface Change {
  /** The dotted path of the part that changed, e.g. `communicationPlan.clientContacts`. */
  path: string;
  /** One sentence a person can read. */
  summary: string;
}

export interface AuditEntry {
  projectKey: string;
  /** ISO instant; sorts chronologically as a string. */
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: { changes: Change[] };
}

/** Where site-wide entries (the admin page's defaults) are filed: not a Jira project key (those are upper case). */
export const SITE_AUDIT_KEY = '_site';

/**
 * Control characters (C0, DEL, C1), Unicode line/paragraph separators and bidirectional overrides:
 * in an audit line they would fake a second entry or reorder what a reader sees.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` on one line: each control character written out as an escape (`\n`, `\u001b`), never kept. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An audit entry whose every text part is free of control characters (free text reaches them: notes, names, titles). */
export function buildAuditEntry(args: { projectKey: string; at: Date; actor: string; action: string; target: string; changes: Change[] }): AuditEntry {
  return {
    projectKey: args.projectKey,
    at: args.at.toISOString(),
    actor: escapeControlCharacters(args.actor),
    action: escapeControlCharacters(args.action),
    target: escapeControlCharacters(args.target),
    detail: { changes: args.changes.map((change) => ({ path: escapeControlCharacters(change.path), summary: escapeControlCharacters(change.summary) })) },
  };
}
