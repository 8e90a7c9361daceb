/**
 * The ids Jira gave the fields client asks use on this site, cached in KVS (`jira-fields:asks`):
 * the app's own "Client assignee" field (Jira names it `customfield_<n>` on install) and the agile
 * Sprint field. Looking them up costs a read of every field of the site, so it is done once an hour.
 */
import kvs from '@forge/kvs';

export const ASK_FIELDS_KEY = 'jira-fields:asks';
/** Field ids never change once installed; the name (which JQL quotes) can, when an admin renames it. */
export const ASK_FIELDS_TTL_MS = 60 * 60 * 1000;

export interface AskFields {
  /** `customfield_<n>` of the app's Client assignee field. */
  askFieldId: string;
  /** The field's name as JQL knows it (`"Client assignee".client = ...`). */
  askFieldName: string;
  /** The field's extension id (`schema.custom`) it was found by: this app's, in this environment. */
  extensionId: string;
  /** The Sprint field (Jira Software), or null on a site without it. */
  sprintFieldId: string | null;
  /** ISO instant of the lookup. */
  fetchedAt: string;
}

function parse(value: unknown): AskFields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.askFieldId !== 'string' || !/^customfield_\d+$/.test(v.askFieldId)) return undefined;
  if (typeof v.askFieldName !== 'string' || v.askFieldName === '' || typeof v.fetchedAt !== 'string') return undefined;
  if (v.sprintFieldId !== null && typeof v.sprintFieldId !== 'string') return undefined;
  // A record from before the extension id was kept may name another environment's field: look it up again.
  if (typeof v.extensionId !== 'string') return undefined;
  return { askFieldId: v.askFieldId, askFieldName: v.askFieldName, extensionId: v.extensionId, sprintFieldId: v.sprintFieldId as string | null, fetchedAt: v.fetchedAt };
}

export async function readAskFields(): Promise<AskFields | undefined> {
  return parse(await kvs.get(ASK_FIELDS_KEY));
}

export async function saveAskFields(fields: AskFields): Promise<void> {
  await kvs.set(ASK_FIELDS_KEY, fields);
}

export async function forgetAskFields(): Promise<void> {
  await kvs.delete(ASK_FIELDS_KEY);
}

export function askFieldsFresh(fields: AskFields, now: Date): boolean {
  const age = now.getTime() - Date.parse(fields.fetchedAt);
  return Number.isFinite(age) && age >= 0 && age < ASK_FIELDS_TTL_MS;
}
