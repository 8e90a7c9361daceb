/**
 * Names and shape of the stored client asks, free of @forge/kvs so tests and the local demo can
 * read or seed records without the Forge runtime (askStore.ts re-exports them).
 */
import type { AskEvent, AskState, ClientAsk } from '../domain/clientAsk';

export const ASK_ENTITY = 'client-ask';
/** Partition projectKey, range updatedAt: every ask of a project (the Client asks page, reports, rules). */
export const ASK_BY_PROJECT = 'by-project';
/** Partition [projectKey, state], range due: a project's waiting (or answered) asks, soonest due first. */
export const ASK_BY_PROJECT_STATE = 'by-project-state';
/** Partition [client, state], range due: one client person's asks in a state, in every project (the portal). */
export const ASK_BY_CLIENT_STATE = 'by-client-state';

/** One record per issue, keyed by the issue id. The flat attributes repeat the current ask's for the indexes. */
export interface AskRecord {
  projectKey: string;
  issueKey: string;
  client: string;
  state: AskState;
  due: string;
  round: number;
  /** 1 for the first write; each write adds one. Writes are conditioned on the version they read. */
  version: number;
  updatedAt: string;
  document: AskDocument;
}

export interface AskDocument {
  ask: ClientAsk;
  /** Every step of every round, oldest first (earlier rounds' asks and answers included). */
  history: AskEvent[];
  /** Older steps dropped to keep the record under Forge's value size limit. */
  dropped: number;
}

/** The per-project marker of the one-time move of asks out of Jira (askMigration.ts). */
export function askMigrationKey(projectKey: string): string {
  return `asks-migrated:${projectKey}`;
}
