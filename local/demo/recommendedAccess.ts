/**
 * The demo site's SHOP project configured the way Liaison's client access check recommends
 * (README: "Recommended permission set-up"), for `LIAISON_SITE=demo-recommended` and tests:
 * - an issue security scheme whose level "Agency internal" admits only the agency's roles, with
 *   the team's sub-tasks (internal breakdown, no Liaison data on them) at that level;
 * - every agency person in the Members role, and every worklog restricted to Members;
 * - the team's comments restricted to Members, except those that speak to a client (mention one);
 * - the client role without Edit Issues (as in the demo) and Set Issue Security for the agency.
 * The plain demo keeps Jira's defaults: clients browse every issue and read every worklog.
 */
import { SPRINT_FIELD, STORY_POINTS_FIELD, type SiteData } from '../jira/model';
import { DEMO_PROJECT_KEY, buildDemoSite } from './site';
import { ISSUE_TYPE_IDS, ROLE_IDS } from './siteConfig';

export const INTERNAL_LEVEL = { id: '10300', name: 'Agency internal', description: 'Only Brightlane Digital staff can see this issue.' } as const;
export const ISSUE_SECURITY_SCHEME_ID = 10200;
const STAFF_ROLE = 'Members';

const INTERNAL_ROLE_IDS = [ROLE_IDS.administrators, ROLE_IDS.projectManagers, ROLE_IDS.approvers, ROLE_IDS.developers, ROLE_IDS.members];

export function applyRecommendedAccess(site: SiteData, projectKey: string = DEMO_PROJECT_KEY): SiteData {
  const project = site.projects.find((p) => p.key === projectKey);
  if (!project) throw new Error(`No project ${projectKey} in the site`);
  const clientIds = new Set(project.roleActors[ROLE_IDS.clients] ?? []);
  const staff = new Set<string>();
  for (const roleId of INTERNAL_ROLE_IDS) for (const id of project.roleActors[roleId] ?? []) if (!clientIds.has(id)) staff.add(id);
  project.roleActors[ROLE_IDS.members] = [...staff];
  project.permissions = { ...project.permissions, SET_ISSUE_SECURITY: [...INTERNAL_ROLE_IDS] };
  project.issueSecurity = {
    id: ISSUE_SECURITY_SCHEME_ID,
    name: `${project.name} issue security`,
    description: 'Internal work is kept from the client role.',
    levels: [{ ...INTERNAL_LEVEL, roleIds: [...INTERNAL_ROLE_IDS] }],
  };
  const plainFields = new Set([STORY_POINTS_FIELD, SPRINT_FIELD]);
  for (const issue of site.issues) {
    if (issue.projectId !== project.id) continue;
    const liaisonData = Object.keys(issue.properties).length > 0 || Object.keys(issue.customFields).some((id) => !plainFields.has(id));
    if (issue.issueTypeId === ISSUE_TYPE_IDS.subtask && !clientIds.has(issue.reporter) && !liaisonData) issue.securityLevelId = INTERNAL_LEVEL.id;
    for (const worklog of issue.worklogs) worklog.visibility = { type: 'role', value: STAFF_ROLE };
    for (const comment of issue.comments) {
      const toClient = [...clientIds].some((id) => JSON.stringify(comment.body).includes(id));
      if (!clientIds.has(comment.author) && !toClient) comment.visibility = { type: 'role', value: STAFF_ROLE };
    }
  }
  return site;
}

/** The demo site with SHOP set up the recommended way. */
export function buildRecommendedDemoSite(today: Date = new Date()): SiteData {
  return applyRecommendedAccess(buildDemoSite(today));
}

