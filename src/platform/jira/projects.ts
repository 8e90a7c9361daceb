/**
 * The Jira calls the settings feature needs: a project and the projects the user can see.
 * Classic scope: read:jira-work. (Project roles and their actors: projectRoles.ts.)
 */
import { route } from '@forge/api';
import { AppError } from '../domain/errors';
import type { JiraClient } from './jiraClient';
import { collectOffsetPages, type Collected } from './paging';

export interface ProjectSummary {
  id: string;
  key: string;
  name: string;
}

interface JiraProject {
  id: string;
  key: string;
  name: string;
}

function summary(project: JiraProject): ProjectSummary {
  return { id: String(project.id), key: project.key, name: project.name };
}

/** Rethrows Jira's 404 ("no project, or you may not see it") as NOT_FOUND; other errors unchanged. */
export async function notFoundAs<T>(call: Promise<T>, message: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPSTREAM' && error.status === 404) throw new AppError('NOT_FOUND', message, { cause: error });
    throw error;
  }
}

/** GET /rest/api/3/project/{key} */
export async function getProject(jira: JiraClient, projectKey: string): Promise<ProjectSummary> {
  const project = await notFoundAs(jira.get<JiraProject>(route`/rest/api/3/project/${projectKey}`), `Project ${projectKey} does not exist or is not visible`);
  return summary(project);
}

/** GET /rest/api/3/project/search, paged: the projects the caller can browse, up to `maxItems`. */
export async function searchProjects(jira: JiraClient, opts: { maxItems: number; pageSize?: number }): Promise<Collected<ProjectSummary>> {
  const collected = await collectOffsetPages<JiraProject>(
    (startAt, maxResults) =>
      jira.get(route`/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}&orderBy=${'key'}`),
    { pageSize: opts.pageSize ?? 50, maxItems: opts.maxItems },
  );
  return { items: collected.items.map(summary), truncated: collected.truncated };
}
