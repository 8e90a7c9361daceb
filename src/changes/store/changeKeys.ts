/**
 * Names and keys of the stored change requests, free of @forge/kvs so the local demo can seed the
 * same records before the Forge runtime is installed (changeStore.ts re-exports them).
 */
import type { ChangeDocument } from '../domain/changeRequest';

export const CHANGE_ENTITY = 'change';
/** Partition projectKey, range updatedAt. */
export const CHANGE_BY_PROJECT = 'by-project';

export interface ChangeRecord {
  projectKey: string;
  issueKey: string;
  /** 1 for the first write; each write adds one. */
  version: number;
  updatedAt: string;
  document: ChangeDocument;
  /** The `liaison-change` value projected from this version (what the app writes to Jira next). */
  projected?: unknown;
  /** The value projected from the version before (Jira may still hold it while the write is under way). */
  projectedBefore?: unknown;
}

/** The audit key of a change request's decision: one per issue and decision time, so a post function can tell it is written. */
export function decisionAuditKey(projectKey: string, issueId: string, at: string): string {
  return `${projectKey}:${at}:decision:${issueId}`;
}
