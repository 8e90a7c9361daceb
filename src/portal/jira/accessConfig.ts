/**
 * What Jira itself lets a project's users see and do, read as Jira reports it (as the app: these
 * reads need Administer Projects or Administer Jira):
 *   GET /rest/api/3/project/{key}/permissionscheme, then /permissionscheme/{id}?expand=permissions;
 *   GET /rest/api/3/project/{key}/issuesecuritylevelscheme (404: the project has none), then
 *   GET /rest/api/3/issuesecurityschemes/level/member?schemeId= (paged) for who each level admits;
 *   the visibility of recent worklogs and comments, from one page of POST /rest/api/3/search/jql.
 * Classic scopes: read:jira-work (schemes, search), manage:jira-configuration (level members).
 */
import { route } from '@forge/api';
import { AppError } from '../../platform/domain/errors';
import type { Holder, IssueSecurityFacts, PermissionGrantFact, VisibilitySample } from '../domain/clientAccess';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { collectOffsetPages, type OffsetPage } from '../../platform/jira/paging';
import { notFoundAs } from '../../platform/jira/projects';

interface JiraHolder {
  type?: string;
  parameter?: string;
  value?: string;
}

interface JiraPermissionScheme {
  id?: number;
  name?: string;
  permissions?: Array<{ permission?: string; holder?: JiraHolder }>;
}

interface JiraSecurityScheme {
  id?: number;
  name?: string;
  levels?: Array<{ id?: string; name?: string; description?: string }>;
}

interface JiraLevelMember {
  issueSecurityLevelId?: string;
  holder?: JiraHolder;
}

interface Visibility {
  type?: string;
  value?: string;
}

interface SampledIssue {
  fields?: {
    worklog?: { worklogs?: Array<{ visibility?: Visibility }> };
    comment?: { comments?: Array<{ visibility?: Visibility }> };
  };
}

/** Most security level members read (a level admits a handful of holders; schemes have few levels). */
const MAX_LEVEL_MEMBERS = 500;
/** Recently updated issues whose worklogs and comments are sampled (one search page). */
export const SAMPLED_ISSUES = 50;

const holderOf = (holder: JiraHolder | undefined): Holder => ({
  type: holder?.type ?? 'unknown',
  ...(holder?.parameter !== undefined ? { parameter: holder.parameter } : {}),
  ...(holder?.value !== undefined ? { value: holder.value } : {}),
});

/** The project's permission scheme and its grants. */
export async function readPermissionGrants(jira: JiraClient, projectKey: string): Promise<{ schemeName: string; grants: PermissionGrantFact[] }> {
  const assigned = await notFoundAs(
    jira.get<JiraPermissionScheme>(route`/rest/api/3/project/${projectKey}/permissionscheme`),
    `Project ${projectKey} does not exist or is not visible`,
  );
  if (typeof assigned.id !== 'number') throw new AppError('UPSTREAM', `Jira answered no permission scheme id for ${projectKey}`);
  const scheme = await jira.get<JiraPermissionScheme>(route`/rest/api/3/permissionscheme/${assigned.id}?expand=permissions`);
  const grants = (scheme.permissions ?? [])
    .filter((grant) => typeof grant.permission === 'string')
    .map((grant) => ({ permission: grant.permission as string, holder: holderOf(grant.holder) }));
  return { schemeName: scheme.name ?? assigned.name ?? `scheme ${assigned.id}`, grants };
}

/** The project's issue security scheme with each level's holders; null when the project has none. */
export async function readIssueSecurity(jira: JiraClient, projectKey: string): Promise<IssueSecurityFacts | null> {
  let scheme: JiraSecurityScheme;
  try {
    scheme = await jira.get<JiraSecurityScheme>(route`/rest/api/3/project/${projectKey}/issuesecuritylevelscheme`);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
  if (typeof scheme.id !== 'number') return null;
  const schemeId = scheme.id;
  const members = await collectOffsetPages<JiraLevelMember>(
    (startAt, maxResults) =>
      jira.get<OffsetPage<JiraLevelMember>>(route`/rest/api/3/issuesecurityschemes/level/member?schemeId=${schemeId}&startAt=${startAt}&maxResults=${maxResults}`),
    { pageSize: 100, maxItems: MAX_LEVEL_MEMBERS },
  );
  return {
    schemeName: scheme.name ?? `scheme ${schemeId}`,
    levels: (scheme.levels ?? [])
      .filter((level): level is { id: string; name?: string } => typeof level.id === 'string')
      .map((level) => ({
        id: level.id,
        name: level.name ?? level.id,
        holders: members.items.filter((m) => m.issueSecurityLevelId === level.id).map((m) => holderOf(m.holder)),
      })),
  };
}

/** The visibility of the worklogs and comments on the project's most recently updated issues. */
export async function sampleVisibility(jira: JiraClient, projectKey: string): Promise<VisibilitySample> {
  const answer = await jira.post<{ issues?: SampledIssue[] }>(route`/rest/api/3/search/jql`, {
    jql: `project = "${projectKey}" ORDER BY updated DESC`,
    fields: ['worklog', 'comment'],
    maxResults: SAMPLED_ISSUES,
  });
  const issues = answer.issues ?? [];
  const restriction = (visibility: Visibility | undefined) =>
    visibility && typeof visibility.type === 'string' && typeof visibility.value === 'string' ? { type: visibility.type, value: visibility.value } : null;
  return {
    issues: issues.length,
    worklogs: issues.flatMap((issue) => (issue.fields?.worklog?.worklogs ?? []).map((w) => restriction(w.visibility))),
    comments: issues.flatMap((issue) => (issue.fields?.comment?.comments ?? []).map((c) => restriction(c.visibility))),
  };
}
