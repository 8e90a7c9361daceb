/**
 * Tampering reports (src/platform/domain/tampering.ts): one audit entry per issue, kind and property value,
 * keyed by a digest of the value, so readers meeting the same planted value again write nothing.
 * The planted value itself is not copied into the audit trail (it is whatever someone chose to write).
 */
import { createHash } from 'node:crypto';
import kvs from '@forge/kvs';
import { buildAuditEntry, type AuditEntry } from '../../platform/domain/audit';
import { canonical, type TamperKind } from '../domain/tampering';
import { AUDIT_ENTITY } from './entities';

export const TAMPER_ACTOR = 'liaison';

const PROPERTY_OF: Record<TamperKind, string> = { change: 'liaison-change', flags: 'liaison-flags' };

export function tamperAuditKey(projectKey: string, kind: TamperKind, issueId: string, value: unknown): string {
  const digest = createHash('sha256').update(canonical(value)).digest('hex').slice(0, 24);
  return `${projectKey}:tamper:${kind}:${issueId}:${digest}`;
}

/** Writes the report unless this issue's value was reported already; answers whether it wrote one. */
export async function reportTampering(args: { projectKey: string; issueId: string; issueKey: string; kind: TamperKind; value: unknown; reason: string; at: Date }): Promise<boolean> {
  const key = tamperAuditKey(args.projectKey, args.kind, args.issueId, args.value);
  const audit = kvs.entity<AuditEntry>(AUDIT_ENTITY);
  if ((await audit.get(key)) !== undefined) return false;
  const property = PROPERTY_OF[args.kind];
  await audit.set(
    key,
    buildAuditEntry({
      projectKey: args.projectKey, at: args.at, actor: TAMPER_ACTOR, action: `tamper.${args.kind}`, target: `issue:${args.issueKey}`,
      changes: [{ path: property, summary: `The ${property} property of ${args.issueKey} was not written by Liaison (${args.reason}): Liaison ignores it and shows what its own record holds.` }],
    }),
  );
  return true;
}

/** Reports without holding up the reader: a failed report is logged, and the next read tries again. */
export function reportTamperingLater(args: Parameters<typeof reportTampering>[0]): Promise<void> {
  return reportTampering(args).then(
    () => undefined,
    (error: unknown) => console.warn(`Liaison: could not record tampering on ${args.issueKey}: ${error instanceof Error ? error.message : String(error)}`),
  );
}
