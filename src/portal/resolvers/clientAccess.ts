/**
 * The client access check: what the client role can see and do through Jira itself, read from the
 * project's permission scheme, issue security and recent worklog/comment visibility (as the app:
 * those reads need Administer Projects). The team reads it in Settings with the recommended
 * configuration; a client reads the same facts, said to them, in the portal's "What Jira shows".
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { checkClientAccess, forClient, type ClientAccessCheck } from '../domain/clientAccess';
import { rolesNamed } from '../../access/domain/roleMembership';
import { mappedJiraRoles } from '../../access/domain/roles';
import { readIssueSecurity, readPermissionGrants, sampleVisibility } from '../jira/accessConfig';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { readRoleActors } from '../../access/store/roleActorsStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import type { ProjectAccess } from '../../access/services/projectAccess';
import { loadRoleActors } from '../../access/services/roleMembership';

async function runCheck(access: ProjectAccess, now: Date): Promise<ClientAccessCheck> {
  const jira = jiraAsApp();
  const key = access.projectKey;
  const mapping = access.merged.settings.roleMapping;
  const actorsRead = (async () => {
    const mapped = await loadRoleActors(key, mappedJiraRoles(mapping), now, await readRoleActors(key));
    // Every role's actors: a worklog restricted to a role, or a grant to one, reaches a client who is its actor.
    return loadRoleActors(key, mapped.roles.map((role) => role.name), now, mapped);
  })();
  const [permissions, security, sample, actors] = await Promise.all([readPermissionGrants(jira, key), readIssueSecurity(jira, key), sampleVisibility(jira, key), actorsRead]);
  const clientPeople = new Set<string>();
  for (const role of rolesNamed(actors.roles, mapping.client)) for (const id of actors.actors[String(role.id)]?.accountIds ?? []) clientPeople.add(id);
  return checkClientAccess({
    projectKey: key,
    permissionScheme: permissions.schemeName,
    grants: permissions.grants,
    security,
    sample,
    projectRoles: actors.roles,
    clientRoleNames: mapping.client,
    clientPeople: [...clientPeople].sort(),
    actorsByRoleId: Object.fromEntries(Object.entries(actors.actors).map(([id, a]) => [id, a.accountIds])),
  });
}

export const clientAccessCheck = defineResolver({
  key: 'settings.clientAccess',
  description: 'What the client role can see and do through Jira itself (permission scheme, issue security, worklog and comment visibility), with the recommended configuration',
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('settings.read'),
  refusal: "You don't have access to Liaison settings for this project",
  async handler(ctx) {
    return runCheck(checkedAccess(ctx), ctx.now);
  },
});

export const jiraShowsClient = defineResolver({
  key: 'portal.jiraShows',
  description: 'The client access check said to the caller: what Jira itself shows the client role of a project',
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('portal.view'),
  async handler(ctx) {
    return forClient(await runCheck(checkedAccess(ctx), ctx.now));
  },
});

export const CLIENT_ACCESS_RESOLVERS = [clientAccessCheck, jiraShowsClient];
