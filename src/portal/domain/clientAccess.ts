/**
 * The client access check: from a project's permission scheme, issue security and the visibility
 * of its recent worklogs and comments (as Jira reports them), what the people of the client role
 * can see and do through Jira itself — whatever Liaison's own screens hide — said plainly, once
 * for the manager (with the recommended configuration) and once for the client.
 *
 * Liaison's roles stop at its own resolvers: Jira's REST API serves a client every issue, field,
 * property, worklog and comment their Jira permissions allow.
 */

/** A permission holder as Jira reports it (`projectRole` + role id, `group`, `user`, `anyone`, `applicationRole`, `reporter`, …). */
export interface Holder {
  type: string;
  parameter?: string;
  value?: string;
}

export interface PermissionGrantFact {
  permission: string;
  holder: Holder;
}

export interface IssueSecurityFacts {
  schemeName: string;
  levels: Array<{ id: string; name: string; holders: Holder[] }>;
}

/** A worklog's or comment's restriction (`{ type: 'role', value: 'Developers' }`), or null: anyone who can browse the issue. */
export type Restriction = { type: string; value: string } | null;

export interface VisibilitySample {
  /** How many recently updated issues were read. */
  issues: number;
  worklogs: Restriction[];
  comments: Restriction[];
}

/** The project's roles and who is in the client role, as Liaison's role mapping and Jira's role actors say. */
export interface ClientRoleFacts {
  /** Every project role of the project (id and name). */
  projectRoles: Array<{ id: number; name: string }>;
  /** The Jira role names mapped to Liaison's client role. */
  clientRoleNames: string[];
  /** The people named as actors of those roles. */
  clientPeople: string[];
  /** Actors of each project role by role id, where read (used to tell whether a restriction role admits a client). */
  actorsByRoleId: Record<string, string[]>;
}

export interface ClientAccessFacts extends ClientRoleFacts {
  projectKey: string;
  permissionScheme: string;
  grants: PermissionGrantFact[];
  security: IssueSecurityFacts | null;
  sample: VisibilitySample;
}

export type CheckStatus = 'ok' | 'notice' | 'risk';

export interface AccessFinding {
  id: 'browse' | 'worklogs' | 'comments' | 'create' | 'edit' | 'other';
  status: CheckStatus;
  /** What the client role can see or do through Jira, for the manager. */
  finding: string;
  /** What to change in Jira (absent when nothing needs changing). */
  recommendation?: string;
  /** The same fact said to a client, about themselves. */
  forClient: string;
}

export interface ClientAccessCheck {
  projectKey: string;
  /** 'risk' when any finding is; else 'ok'. */
  status: 'ok' | 'risk';
  headline: string;
  findings: AccessFinding[];
  /** The recommended configuration, one line a change. */
  recommended: string[];
}

/** Whether a grant reaches the client role: always, only on some issues (reporter, assignee…), or not at all. */
type Reach = 'all' | 'some' | 'none';

const lower = (s: string): string => s.trim().toLowerCase();

/** Permissions that let a client change or remove the team's work, or log time as if they were the team. */
const RISKY_PERMISSIONS: Record<string, string> = {
  TRANSITION_ISSUES: 'Transition Issues',
  DELETE_ISSUES: 'Delete Issues',
  ADMINISTER_PROJECTS: 'Administer Projects',
  WORK_ON_ISSUES: 'Work On Issues (log work)',
  EDIT_ALL_WORKLOGS: 'Edit All Worklogs',
  DELETE_ALL_WORKLOGS: 'Delete All Worklogs',
  EDIT_ALL_COMMENTS: 'Edit All Comments',
  DELETE_ALL_COMMENTS: 'Delete All Comments',
  MOVE_ISSUES: 'Move Issues',
  SET_ISSUE_SECURITY: 'Set Issue Security',
  MODIFY_REPORTER: 'Modify Reporter',
  ASSIGN_ISSUES: 'Assign Issues',
  LINK_ISSUES: 'Link Issues',
  MANAGE_SPRINTS_PERMISSION: 'Manage Sprints',
  DELETE_ALL_ATTACHMENTS: 'Delete All Attachments',
  EDIT_WORKFLOW: 'Edit Workflow',
};

/** Holders that reach a person only on issues where they have a part (reporter, assignee, …). */
const PER_ISSUE_HOLDERS = new Set(['reporter', 'assignee', 'projectlead', 'userCustomField', 'groupCustomField', 'reporterWithCreatePermission', 'assigneeWithAssignablePermission'].map(lower));

function clientRoleIds(facts: ClientRoleFacts): Set<string> {
  const names = new Set(facts.clientRoleNames.map(lower));
  return new Set(facts.projectRoles.filter((role) => names.has(lower(role.name))).map((role) => String(role.id)));
}

/** Whether `holder` includes people of the client role. */
function reach(holder: Holder, facts: ClientRoleFacts): Reach {
  const type = lower(holder.type);
  const id = holder.value ?? holder.parameter ?? '';
  if (type === 'anyone' || type === 'applicationrole') return 'all'; // every signed-in user (clients have Jira access)
  if (type === 'projectrole') {
    if (clientRoleIds(facts).has(id)) return 'all';
    const actors = facts.actorsByRoleId[id] ?? [];
    return facts.clientPeople.some((person) => actors.includes(person)) ? 'all' : 'none';
  }
  if (type === 'user') return facts.clientPeople.includes(id) ? 'all' : 'none';
  if (PER_ISSUE_HOLDERS.has(type)) return 'some';
  // A group (or another holder Liaison cannot resolve here) may include clients: reported as "some".
  return type === 'group' ? 'some' : 'none';
}

function permissionReach(permission: string, facts: ClientAccessFacts): Reach {
  let best: Reach = 'none';
  for (const grant of facts.grants) {
    if (grant.permission !== permission) continue;
    const r = reach(grant.holder, facts);
    if (r === 'all') return 'all';
    if (r === 'some') best = 'some';
  }
  return best;
}

/** Whether a restricted worklog or comment is readable by the client role. */
function restrictionAdmitsClients(restriction: Restriction, facts: ClientRoleFacts): boolean {
  if (!restriction) return true;
  if (lower(restriction.type) === 'role') {
    const role = facts.projectRoles.find((r) => lower(r.name) === lower(restriction.value) || String(r.id) === restriction.value);
    return role ? reach({ type: 'projectRole', value: String(role.id) }, facts) === 'all' : false;
  }
  // A group restriction: Liaison cannot list the group's members here; it counts as restricted.
  return false;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function browseFinding(facts: ClientAccessFacts): { finding: AccessFinding; browses: boolean } {
  const browse = permissionReach('BROWSE_PROJECTS', facts);
  const key = facts.projectKey;
  if (browse === 'none') {
    return {
      browses: false,
      finding: {
        id: 'browse', status: 'ok',
        finding: `The client role cannot browse ${key} in Jira: clients see its issues only through Liaison's portal.`,
        forClient: `You cannot open ${key}'s issues in Jira itself; Liaison's portal shows you what is yours.`,
      },
    };
  }
  const internalLevels = (facts.security?.levels ?? []).filter((level) => !level.holders.some((holder) => reach(holder, facts) !== 'none'));
  if (internalLevels.length === 0) {
    return {
      browses: true,
      finding: {
        id: 'browse', status: 'risk',
        finding: `Clients can browse all ${key} issues in Jira: every field, description, attachment, issue property and change history, ${facts.security ? `because no level of the issue security scheme "${facts.security.schemeName}" keeps the client role out` : 'because the project has no issue security scheme'}.`,
        recommendation: 'Add an issue security scheme with a level for internal work that admits only the agency\'s roles, and put internal issues at that level.',
        forClient: `Through Jira itself you can open every issue of ${key}, with all its fields, properties and history.`,
      },
    };
  }
  const names = internalLevels.map((level) => `"${level.name}"`).join(', ');
  return {
    browses: true,
    finding: {
      id: 'browse', status: 'ok',
      finding: `Clients can browse ${key}'s issues except those at the issue security level ${names}, which admits only internal roles.`,
      forClient: `Through Jira itself you can open ${key}'s issues, except the team's internal ones.`,
    },
  };
}

function restrictedFinding(kind: 'worklogs' | 'comments', restrictions: Restriction[], facts: ClientAccessFacts): AccessFinding {
  const open = restrictions.filter((r) => restrictionAdmitsClients(r, facts)).length;
  const total = restrictions.length;
  const sampled = plural(facts.sample.issues, 'most recently updated issue');
  if (kind === 'worklogs') {
    if (total === 0) {
      return {
        id: 'worklogs', status: 'notice',
        finding: `No worklogs on the ${sampled} to check. A worklog is readable by everyone who can browse its issue unless it is restricted to a role.`,
        recommendation: 'When the team logs work, restrict each worklog to a role clients do not hold.',
        forClient: 'Jira shows you the time logged on an issue unless the team restricts it.',
      };
    }
    if (open > 0) {
      return {
        id: 'worklogs', status: 'risk',
        finding: `Clients can read worklogs: ${open} of the ${plural(total, 'worklog')} on the ${sampled} are open to everyone who can browse the issue (who logged how many hours, and when).`,
        recommendation: 'Restrict worklogs to a role clients do not hold (Jira keeps each worklog\'s visibility; set it when logging work).',
        forClient: `Through Jira itself you can read the time the team logged on ${facts.projectKey}'s issues (who worked how long).`,
      };
    }
    return {
      id: 'worklogs', status: 'ok',
      finding: `All ${plural(total, 'worklog')} on the ${sampled} are restricted to roles clients do not hold.`,
      forClient: 'The time the team logs is not shown to you in Jira.',
    };
  }
  if (open > 0) {
    return {
      id: 'comments', status: 'notice',
      finding: `Clients can read ${open} of the ${plural(total, 'comment')} on the ${sampled}: every comment not restricted to a role.`,
      recommendation: 'Restrict internal discussion to a role clients do not hold; leave open only what is meant for the client.',
      forClient: 'Through Jira itself you can read the comments on an issue that the team did not restrict to its own roles.',
    };
  }
  return {
    id: 'comments', status: 'ok',
    finding: total === 0 ? `No comments on the ${sampled}.` : `All ${plural(total, 'comment')} on the ${sampled} are restricted to roles clients do not hold.`,
    forClient: 'Comments the team restricts to its own roles are not shown to you in Jira.',
  };
}

function permissionFindings(facts: ClientAccessFacts, browses: boolean): AccessFinding[] {
  const key = facts.projectKey;
  const findings: AccessFinding[] = [];
  const create = browses ? permissionReach('CREATE_ISSUES', facts) : 'none';
  findings.push(
    create === 'none'
      ? { id: 'create', status: 'ok', finding: `Clients cannot create issues in ${key} through Jira.`, forClient: `You raise requests for ${key} in Liaison's portal.` }
      : {
          id: 'create', status: 'notice',
          finding: `Clients can create issues in ${key}${create === 'some' ? ' (some of them, through a group or per-issue holder)' : ''}, and Jira lets whoever creates an issue set its issue properties in the same request, Liaison's included.`,
          recommendation: 'Keep Create Issues for clients only if they raise issues in Jira itself: they can raise change requests in Liaison\'s portal without it.',
          forClient: `You can create issues in ${key} through Jira itself.`,
        },
  );
  const edit = browses ? permissionReach('EDIT_ISSUES', facts) : 'none';
  findings.push(
    edit === 'none'
      ? { id: 'edit', status: 'ok', finding: 'Clients cannot edit issues (nor set or delete issue properties) through Jira.', forClient: 'You cannot edit issues in Jira itself.' }
      : {
          id: 'edit', status: 'risk',
          finding: `Clients can edit ${edit === 'some' ? 'some ' : ''}issues: change their fields and set or delete issue properties, Liaison's included, on ${edit === 'some' ? 'those issues' : `every ${key} issue they can browse`}.`,
          recommendation: 'Remove Edit Issues from the client role in the permission scheme.',
          forClient: 'You can edit issues in Jira itself.',
        },
  );
  const risky = browses ? Object.keys(RISKY_PERMISSIONS).filter((permission) => permissionReach(permission, facts) !== 'none') : [];
  if (risky.length > 0) {
    findings.push({
      id: 'other', status: 'risk',
      finding: `Clients also hold ${risky.map((p) => RISKY_PERMISSIONS[p]).join(', ')} in the permission scheme "${facts.permissionScheme}".`,
      recommendation: `Remove ${risky.map((p) => RISKY_PERMISSIONS[p]).join(', ')} from the client role.`,
      forClient: `Jira also lets you: ${risky.map((p) => RISKY_PERMISSIONS[p]).join(', ')}.`,
    });
  }
  return findings;
}

export const RECOMMENDED_SETUP: readonly string[] = [
  'An issue security scheme with a level for internal work that admits only the agency\'s roles; put internal issues at that level.',
  'Worklogs restricted to a role clients do not hold (Jira shows an unrestricted worklog to everyone who can browse the issue).',
  'Internal comments restricted to a role clients do not hold.',
  'The client role without Edit Issues (which would let clients change fields and Liaison\'s issue properties on every issue), and without Transition, Delete, Work On Issues or Administer Projects.',
  'Create Issues for clients only where they raise issues in Jira itself.',
];

export function checkClientAccess(facts: ClientAccessFacts): ClientAccessCheck {
  const { finding: browse, browses } = browseFinding(facts);
  const findings: AccessFinding[] = [browse];
  if (browses) {
    findings.push(restrictedFinding('worklogs', facts.sample.worklogs, facts), restrictedFinding('comments', facts.sample.comments, facts));
  }
  findings.push(...permissionFindings(facts, browses));
  const risks = findings.filter((f) => f.status === 'risk');
  const status = risks.length > 0 ? 'risk' : 'ok';
  return {
    projectKey: facts.projectKey,
    status,
    headline:
      status === 'risk'
        ? `Through Jira itself, clients of ${facts.projectKey} can see or do more than Liaison shows them (${plural(risks.length, 'problem')}).`
        : `Through Jira itself, clients of ${facts.projectKey} see no more than the recommended set-up allows.`,
    findings,
    recommended: [...RECOMMENDED_SETUP],
  };
}

/** What a client reads in the portal's "What Jira shows" help: the findings said to them, without the manager's advice. */
export interface JiraShowsClient {
  projectKey: string;
  facts: Array<{ id: AccessFinding['id']; text: string }>;
}

export function forClient(check: ClientAccessCheck): JiraShowsClient {
  return { projectKey: check.projectKey, facts: check.findings.map((f) => ({ id: f.id, text: f.forClient })) };
}
