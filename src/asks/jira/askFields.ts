/**
 * Finds the fields client asks use: the app's "Client assignee" field (a Forge custom field, whose
 * `schema.custom` is the module's extension id `ari:cloud:ecosystem::extension/<app>/<env>/static/client-assignee`)
 * and Jira Software's Sprint field. One GET /rest/api/3/field, as the app, cached for an hour.
 * Classic scope: read:jira-work.
 *
 * The field is matched by its whole extension id, app and environment included: with the
 * development and production environments installed on one site there are two "Client assignee"
 * fields, and Jira refuses (403) writes to the other environment's one.
 */
import { getAppContext, route } from '@forge/api';
import { extensionAri } from '../../changes/domain/changeRequestSetup';
import { AppError } from '../../platform/domain/errors';
import { askFieldsFresh, readAskFields, saveAskFields, type AskFields } from '../store/askFieldStore';
import { jiraAsApp, type JiraClient } from '../../platform/jira/jiraClient';

/** The manifest key of the jira:customField module. */
export const ASK_FIELD_MODULE_KEY = 'client-assignee';
const SPRINT_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';

interface JiraField {
  id: string;
  name?: string;
  custom?: boolean;
  schema?: { custom?: string };
}

/** The extension id of this app's Client assignee field in the environment this code runs in. */
export function askFieldExtensionId(): string {
  const app = getAppContext();
  return extensionAri(app.appAri.appId, app.environmentAri.environmentId, ASK_FIELD_MODULE_KEY);
}

/** The fields as Jira lists them now (no cache). */
export async function lookUpAskFields(jira: JiraClient, now: Date): Promise<AskFields> {
  const fields = await jira.get<JiraField[]>(route`/rest/api/3/field`);
  const list = Array.isArray(fields) ? fields : [];
  const extensionId = askFieldExtensionId();
  const ask = list.find((f) => f.custom === true && f.schema?.custom === extensionId);
  if (!ask || typeof ask.name !== 'string') {
    throw new AppError('UPSTREAM', 'The "Client assignee" field is not installed on this Jira site: deploy and install the Liaison app again');
  }
  const sprint = list.find((f) => f.schema?.custom === SPRINT_FIELD_TYPE);
  return { askFieldId: ask.id, askFieldName: ask.name, extensionId, sprintFieldId: sprint?.id ?? null, fetchedAt: now.toISOString() };
}

/** The cached field ids while fresh (and found for this app and environment), else a new lookup (stored for the next call). */
export async function askFields(now: Date): Promise<AskFields> {
  const cached = await readAskFields();
  if (cached && askFieldsFresh(cached, now) && cached.extensionId === askFieldExtensionId()) return cached;
  const fields = await lookUpAskFields(jiraAsApp(), now);
  await saveAskFields(fields);
  return fields;
}
