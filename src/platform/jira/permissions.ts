/** Jira permission checks. Classic scope: read:jira-work. */
import { route } from '@forge/api';
import type { JiraClient } from './jiraClient';

interface MyPermissions {
  permissions: Record<string, { havePermission?: boolean } | undefined>;
}

/**
 * GET /rest/api/3/mypermissions?permissions=ADMINISTER, called as the user: whether they hold
 * Jira's global "Administer Jira" permission (a Jira/site admin).
 */
export async function isJiraAdmin(jira: JiraClient): Promise<boolean> {
  const answer = await jira.get<MyPermissions>(route`/rest/api/3/mypermissions?permissions=${'ADMINISTER'}`);
  return answer.permissions?.ADMINISTER?.havePermission === true;
}
