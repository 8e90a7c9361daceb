/**
 * Names for the people an answer mentions (who saved, who changed what): one bulk Jira request per
 * answer, as the app (a client or team member may lack "Browse users and groups").
 */
import { AppError } from '../domain/errors';
import { jiraAsApp } from './jiraClient';
import { getDisplayNames } from './users';

/**
 * accountId -> display name for the ids given (none: no request). Names only decorate an answer
 * whose substance is already decided (a save may already be stored), so when Jira cannot answer the
 * answer goes out without names and the UI shows account ids instead of failing.
 */
export async function displayNames(accountIds: Iterable<string | null | undefined>): Promise<Record<string, string>> {
  const ids = [...accountIds].filter((id): id is string => typeof id === 'string' && id !== '');
  if (ids.length === 0) return {};
  try {
    return Object.fromEntries(await getDisplayNames(jiraAsApp(), ids));
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPSTREAM') return {};
    throw error;
  }
}
