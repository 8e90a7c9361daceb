/**
 * People's display names for account ids, in bulk: one GET /rest/api/3/user/bulk per 200 ids
 * (Jira's page limit for it), never one request per person. Classic scope: read:jira-user.
 */
import { route } from '@forge/api';
import type { JiraClient } from './jiraClient';
import { mapWithConcurrency } from './concurrency';
import type { OffsetPage } from './paging';

/** The most account ids Jira answers in one page of /user/bulk. */
export const USER_BULK_MAX_IDS = 200;

interface JiraUser {
  accountId: string;
  displayName?: string;
}

/**
 * accountId -> display name for the given ids (duplicates and blanks ignored). Ids Jira does not
 * know (deleted accounts) are absent from the map.
 */
export async function getDisplayNames(jira: JiraClient, accountIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set([...accountIds].filter((id) => typeof id === 'string' && id.trim() !== ''))];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += USER_BULK_MAX_IDS) chunks.push(ids.slice(i, i + USER_BULK_MAX_IDS));
  const pages = await mapWithConcurrency(chunks, 4, (chunk) => {
    const query = new URLSearchParams({ startAt: '0', maxResults: String(chunk.length) });
    for (const id of chunk) query.append('accountId', id);
    return jira.get<OffsetPage<JiraUser>>(route`/rest/api/3/user/bulk?${query}`);
  });
  const names = new Map<string, string>();
  for (const page of pages) {
    for (const user of page?.values ?? []) {
      if (typeof user.accountId === 'string' && typeof user.displayName === 'string') names.set(user.accountId, user.displayName);
    }
  }
  return names;
}
