/**
 * Tampering with what Jira shows about an ask: a Client assignee field value the app never wrote
 * from the ask record, or any `liaison-asks` property (the app no longer writes one; anyone who may
 * edit the issue, or create one, can). Each finding is reported to the team once — one audit entry
 * (`tamper.ask`) per issue, surface and value, however often it is read — and never shown.
 */
import { createHash } from 'node:crypto';
import { buildAuditEntry } from '../../platform/domain/audit';
import { askProjection, parseClientAsk, projectionFromRecord } from '../domain/clientAsk';
import type { StoredAsk } from '../store/askStore';
import { writeAuditOnce } from '../../platform/store/auditStore';
import type { AskSight } from './issueAsks';

/** Who the audit trail names for a tampering finding: the app's own check, not a person. */
export const TAMPER_ACTOR = 'liaison-check';
export const TAMPER_ACTION = 'tamper.ask';

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('hex').slice(0, 16);
}

/**
 * Whether the field value is one the app wrote from `stored`. An earlier version's whole-ask value
 * counts while its migration is under way (the record made from it matches its projection).
 */
export function fieldFromRecord(value: unknown, stored: StoredAsk | null): boolean {
  if (projectionFromRecord(value, stored)) return true;
  const old = parseClientAsk(value);
  return old !== null && projectionFromRecord(askProjection(old), stored);
}

/** Records one tampering finding (once per issue, surface and value). Never throws: a read goes on without it. */
export async function reportTampering(sight: AskSight, surface: 'field' | 'property', value: unknown, now: Date): Promise<void> {
  const hash = fingerprint(value);
  const summary =
    surface === 'field'
      ? `The Client assignee field of ${sight.issueKey} holds a value Liaison never wrote (value #${hash}): it is ignored, the ask record stands`
      : `${sight.issueKey} carries a liaison-asks issue property (value #${hash}), which Liaison no longer writes: it is ignored`;
  const entry = buildAuditEntry({
    projectKey: sight.projectKey,
    at: now,
    actor: TAMPER_ACTOR,
    action: TAMPER_ACTION,
    target: `issue:${sight.issueKey}`,
    changes: [{ path: surface === 'field' ? 'clientAsk.field' : 'clientAsk.property', summary }],
  });
  try {
    await writeAuditOnce(`${sight.projectKey}:tamper:ask:${sight.issueId}:${surface}:${hash}`, entry);
  } catch (error) {
    console.warn(`Liaison: tampering on ${sight.issueKey} was found but not audited: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Checks what Jira shows against the record and reports what the app did not write. */
export async function checkSight(sight: AskSight, stored: StoredAsk | null, now: Date): Promise<void> {
  if (!fieldFromRecord(sight.fieldValue, stored)) await reportTampering(sight, 'field', sight.fieldValue, now);
  if (sight.oldProperty !== undefined) await reportTampering(sight, 'property', sight.oldProperty, now);
}
