/**
 * What the shell reads from Jira, always through Jira's REST API (the sandbox or a real site) and,
 * for anything a Jira page would show, as the acting user: so a client user sees what Jira would let
 * them see. Only the user switcher (a developer tool, not part of Jira) reads users and roles as the app.
 */
import { requestJiraAs } from '../runtime';

export type Principal = { provider: 'app' } | { provider: 'user'; accountId: string };

export class JiraError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface JiraUser {
  accountId: string;
  accountType?: string;
  displayName: string;
  emailAddress?: string;
  timeZone?: string;
  /** Jira's `en_GB` form. */
  locale?: string;
  active?: boolean;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string;
  lead?: JiraUser;
  description?: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  changelog?: { histories: { id: string; author?: JiraUser; created: string; items: { field: string; fromString: string | null; toString: string | null }[] }[] };
  names?: Record<string, string>;
}

export interface JiraField {
  id: string;
  key?: string;
  name: string;
  custom: boolean;
  schema?: { type: string; custom?: string; items?: string };
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string>; message?: string };
    const parts = [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {}), ...(body.message ? [body.message] : [])];
    if (parts.length) return parts.join(' ');
  } catch {
    /* not JSON: use the text */
  }
  return text || `${res.status} ${res.statusText}`;
}

export async function jiraJson<T>(who: Principal, path: string, init?: RequestInit): Promise<T> {
  const res = await requestJiraAs(who, path, init, { platform: true });
  if (!res.ok) throw new JiraError(res.status, await errorMessage(res));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const myself = (who: Principal) => jiraJson<JiraUser>(who, '/rest/api/3/myself');

/** Every project the principal can browse (Jira pages these; we follow the pages). */
export async function listProjects(who: Principal): Promise<JiraProject[]> {
  const all: JiraProject[] = [];
  for (let startAt = 0, page = 0; page < 50; page++) {
    const res = await jiraJson<{ values: JiraProject[]; isLast?: boolean; total?: number }>(who, `/rest/api/3/project/search?startAt=${startAt}&maxResults=50&expand=lead,description`);
    all.push(...res.values);
    startAt += res.values.length;
    if (res.isLast !== false || res.values.length === 0) break;
  }
  return all;
}

export const getProject = (who: Principal, key: string) => jiraJson<JiraProject>(who, `/rest/api/3/project/${encodeURIComponent(key)}`);

export function searchIssues(who: Principal, body: { jql: string; fields: string[]; maxResults: number; nextPageToken?: string }) {
  return jiraJson<{ issues: JiraIssue[]; nextPageToken?: string; isLast?: boolean }>(who, '/rest/api/3/search/jql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function getIssue(who: Principal, key: string, fields: string[]) {
  return jiraJson<JiraIssue>(who, `/rest/api/3/issue/${encodeURIComponent(key)}?fields=${encodeURIComponent(fields.join(','))}&expand=changelog`);
}

export const listFields = (who: Principal) => jiraJson<JiraField[]>(who, '/rest/api/3/field');

/** Which of `keys` the user holds in the project (GET /mypermissions?projectKey as them). */
export async function myProjectPermissions(who: Principal, projectKey: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const answer = await jiraJson<{ permissions?: Record<string, { havePermission?: boolean }> }>(who, `/rest/api/3/mypermissions?projectKey=${encodeURIComponent(projectKey)}&permissions=${encodeURIComponent(keys.join(','))}`);
  return new Set(keys.filter((key) => answer.permissions?.[key]?.havePermission === true));
}

/** Whether the user holds Jira's global Administer Jira permission (GET /mypermissions as them). */
export async function isJiraAdmin(who: Principal): Promise<boolean> {
  const answer = await jiraJson<{ permissions?: { ADMINISTER?: { havePermission?: boolean } } }>(who, '/rest/api/3/mypermissions?permissions=ADMINISTER');
  return answer.permissions?.ADMINISTER?.havePermission === true;
}

export function getTransitions(who: Principal, key: string) {
  return jiraJson<{ transitions: { id: string; name: string; to: { id: string; name: string; statusCategory?: { key: string } } }[] }>(
    who,
    `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`,
  );
}

export function doTransition(who: Principal, key: string, transitionId: string) {
  return jiraJson<void>(who, `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transition: { id: transitionId } }),
  });
}

export function setIssueField(who: Principal, key: string, fieldId: string, value: unknown) {
  return jiraJson<void>(who, `/rest/api/3/issue/${encodeURIComponent(key)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { [fieldId]: value } }),
  });
}

export interface SwitchableUser extends JiraUser {
  /** "SHOP: Administrators, Developers" per project the user has a role in. */
  roles: { projectKey: string; roles: string[] }[];
}

/** All people on the site with their project roles (read as the app: this is the switcher, not Jira). */
export async function listUsersWithRoles(): Promise<SwitchableUser[]> {
  const app: Principal = { provider: 'app' };
  const users: JiraUser[] = [];
  for (let startAt = 0, page = 0; page < 20; page++) {
    // An empty query matches every active person (user search matches the start of names and emails).
    const batch = await jiraJson<JiraUser[]>(app, `/rest/api/3/user/search?query=&startAt=${startAt}&maxResults=100`);
    users.push(...batch);
    if (batch.length < 100) break;
    startAt += batch.length;
  }
  const people = users.filter((u) => (u.accountType ?? 'atlassian') === 'atlassian' && u.active !== false);
  const projects = await listProjects(app);
  const rolesByUser = new Map<string, { projectKey: string; roles: string[] }[]>();
  await Promise.all(
    projects.map(async (p) => {
      const roleLinks = await jiraJson<Record<string, string>>(app, `/rest/api/3/project/${encodeURIComponent(p.key)}/role`);
      const roles = await Promise.all(
        Object.values(roleLinks).map((url) => jiraJson<{ name: string; actors?: { actorUser?: { accountId: string }; type?: string }[] }>(app, new URL(url).pathname)),
      );
      for (const role of roles) {
        for (const actor of role.actors ?? []) {
          const id = actor.actorUser?.accountId;
          if (!id) continue;
          const list = rolesByUser.get(id) ?? [];
          let entry = list.find((e) => e.projectKey === p.key);
          if (!entry) list.push((entry = { projectKey: p.key, roles: [] }));
          entry.roles.push(role.name);
          rolesByUser.set(id, list);
        }
      }
    }),
  );
  return people.map((u) => ({
    ...u,
    roles: (rolesByUser.get(u.accountId) ?? []).map((r) => ({ ...r, roles: r.roles.sort() })).sort((a, b) => a.projectKey.localeCompare(b.projectKey)),
  }));
}
