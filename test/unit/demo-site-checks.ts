/**
 * Internal consistency of a built site (demo or generated): every reference resolves, changelogs
 * replay to the issue's current state through real workflow transitions, worklogs sit in people's
 * working days without overlapping, and nothing happens on or after "today".
 * Returns the problems found (empty when consistent), so a failing test names them.
 */
import { SPRINT_FIELD, type SandboxIssue, type SiteData } from '../../local/jira/model';

const DAY_MS = 86_400_000;

export function siteProblems(site: SiteData): string[] {
  const problems: string[] = [];
  const fail = (msg: string): void => {
    if (problems.length < 50) problems.push(msg);
  };
  const todayStart = Date.parse(`${site.today}T00:00:00.000Z`);
  if (Number.isNaN(todayStart)) fail(`site.today '${site.today}' is not a date`);
  const ms = (value: string, what: string): number => {
    const t = Date.parse(value);
    if (Number.isNaN(t)) fail(`${what}: unreadable date '${value}'`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/.test(value)) fail(`${what}: '${value}' is not in Jira's date-time form`);
    return t;
  };

  const users = new Map(site.users.map((u) => [u.accountId, u]));
  const roles = new Set(site.roles.map((r) => r.id));
  const projects = new Map(site.projects.map((p) => [p.id, p]));
  const issueTypes = new Map(site.issueTypes.map((t) => [t.id, t]));
  const statuses = new Map(site.statuses.map((s) => [s.id, s]));
  const workflows = new Map(site.workflows.map((w) => [w.id, w]));
  const priorities = new Set(site.priorities.map((p) => p.id));
  const boards = new Map(site.boards.map((b) => [b.id, b]));
  const sprints = new Map(site.sprints.map((s) => [s.id, s]));
  const issues = new Map(site.issues.map((i) => [i.id, i]));
  const linkTypes = new Set(site.linkTypes.map((t) => t.id));

  const unique = (label: string, ids: string[]): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) fail(`duplicate ${label} ${id}`);
      seen.add(id);
    }
  };
  unique('issue id', site.issues.map((i) => i.id));
  unique('issue key', site.issues.map((i) => i.key));
  unique('changelog id', site.issues.flatMap((i) => i.changelog.map((c) => c.id)));
  unique('worklog id', site.issues.flatMap((i) => i.worklogs.map((w) => w.id)));
  unique('comment id', site.issues.flatMap((i) => i.comments.map((c) => c.id)));
  unique('link id', site.links.map((l) => l.id));
  unique('sprint id', site.sprints.map((s) => String(s.id)));

  for (const project of site.projects) {
    for (const [roleId, actors] of Object.entries(project.roleActors)) {
      if (!roles.has(Number(roleId))) fail(`${project.key}: unknown role ${roleId}`);
      for (const a of actors) if (!users.has(a)) fail(`${project.key}: role ${roleId} actor ${a} is not a user`);
    }
    for (const [perm, roleIds] of Object.entries(project.permissions)) {
      for (const r of roleIds ?? []) if (!roles.has(r)) fail(`${project.key}: ${perm} names unknown role ${r}`);
    }
    for (const typeId of project.issueTypeIds) {
      if (!issueTypes.has(typeId)) fail(`${project.key}: unknown issue type ${typeId}`);
      if (!workflows.has(project.workflowByIssueType[typeId])) fail(`${project.key}: no workflow for issue type ${typeId}`);
    }
    if (!users.has(project.leadAccountId)) fail(`${project.key}: lead is not a user`);
  }
  for (const board of site.boards) if (!projects.has(board.projectId)) fail(`board ${board.id}: unknown project`);
  for (const sprint of site.sprints) {
    if (!boards.has(sprint.boardId)) fail(`sprint ${sprint.id}: unknown board`);
    if (sprint.state !== 'future' && (!sprint.startDate || Date.parse(sprint.startDate) >= todayStart + DAY_MS)) fail(`sprint ${sprint.id} (${sprint.state}) must have started by today`);
    if (sprint.state === 'closed' && (!sprint.completeDate || Date.parse(sprint.completeDate) >= todayStart)) fail(`closed sprint ${sprint.id} must be completed before today`);
  }
  for (const link of site.links) {
    if (!linkTypes.has(link.typeId)) fail(`link ${link.id}: unknown type`);
    if (!issues.has(link.inwardIssueId) || !issues.has(link.outwardIssueId)) fail(`link ${link.id}: unknown issue`);
  }

  const bookedByPersonDay = new Map<string, Array<[number, number]>>();
  for (const issue of site.issues) {
    const where = issue.key;
    const project = projects.get(issue.projectId);
    if (!project) {
      fail(`${where}: unknown project`);
      continue;
    }
    if (!issue.key.startsWith(`${project.key}-`)) fail(`${where}: key does not match project ${project.key}`);
    const type = issueTypes.get(issue.issueTypeId);
    if (!type || !project.issueTypeIds.includes(issue.issueTypeId)) fail(`${where}: issue type ${issue.issueTypeId} not in project`);
    const workflow = workflows.get(project.workflowByIssueType[issue.issueTypeId]);
    if (!workflow) {
      fail(`${where}: no workflow`);
      continue;
    }
    if (!workflow.statusIds.includes(issue.statusId)) fail(`${where}: status ${issue.statusId} not in workflow`);
    if (!priorities.has(issue.priorityId)) fail(`${where}: unknown priority`);
    for (const person of [issue.reporter, issue.creator, issue.assignee]) {
      if (person !== null && !users.has(person)) fail(`${where}: unknown user ${person}`);
    }
    if (issue.assignee) {
      const assignable = (project.permissions.ASSIGNABLE_USER ?? []).some((r) => project.roleActors[r]?.includes(issue.assignee as string));
      if (!assignable) fail(`${where}: assignee cannot be assigned in ${project.key}`);
    }
    if (issue.parentId !== null) {
      const parent = issues.get(issue.parentId);
      const parentType = parent && issueTypes.get(parent.issueTypeId);
      if (!parent || !parentType) fail(`${where}: unknown parent`);
      else if (parentType.hierarchyLevel !== (type?.hierarchyLevel ?? 0) + 1) fail(`${where}: parent ${parent.key} is not one level up`);
      else if (type?.subtask && parent.sprintIds.join() !== issue.sprintIds.join()) fail(`${where}: sub-task sprints differ from parent ${parent.key}`);
    } else if (type?.subtask) fail(`${where}: sub-task without parent`);
    for (const sprintId of issue.sprintIds) {
      const sprint = sprints.get(sprintId);
      if (!sprint) fail(`${where}: unknown sprint ${sprintId}`);
      else if (boards.get(sprint.boardId)?.projectId !== issue.projectId) fail(`${where}: sprint ${sprintId} is on another project's board`);
    }
    const lastSprint = sprints.get(issue.sprintIds[issue.sprintIds.length - 1]);
    const category = statuses.get(issue.statusId)?.statusCategory;
    if (lastSprint?.state === 'closed' && category !== 'done') fail(`${where}: left unfinished in closed sprint ${lastSprint.name}`);
    if (lastSprint?.state === 'future' && category !== 'new') fail(`${where}: in future sprint but ${issue.statusId}`);
    for (const s of issue.sprintIds.slice(0, -1)) if (sprints.get(s)?.state !== 'closed') fail(`${where}: earlier sprint ${s} is not closed`);

    const created = ms(issue.created, `${where}.created`);
    const updated = ms(issue.updated, `${where}.updated`);
    if (created >= todayStart) fail(`${where}: created on or after today`);
    if (updated < created || updated >= todayStart) fail(`${where}: updated outside [created, today)`);
    if (issue.duedate !== null && !/^\d{4}-\d\d-\d\d$/.test(issue.duedate)) fail(`${where}: duedate '${issue.duedate}' is not YYYY-MM-DD`);

    replayChangelog(issue, workflow.initialStatusId, workflow.transitions, statuses, sprints, users, created, updated, fail);
    for (const c of issue.comments) {
      if (!users.has(c.author)) fail(`${where}: comment author unknown`);
      const at = ms(c.created, `${where} comment`);
      if (at < created || at > updated) fail(`${where}: comment outside [created, updated]`);
      if (c.body?.type !== 'doc') fail(`${where}: comment body is not ADF`);
    }
    for (const w of issue.worklogs) {
      if (!users.has(w.author)) fail(`${where}: worklog author unknown`);
      const started = ms(w.started, `${where} worklog.started`);
      const end = started + w.timeSpentSeconds * 1000;
      const day = Math.floor(started / DAY_MS);
      const weekday = new Date(started).getUTCDay();
      if (weekday === 0 || weekday === 6) fail(`${where}: worklog ${w.id} on a weekend (${w.started})`);
      if (started < day * DAY_MS + 9 * 3600_000 || end > day * DAY_MS + 17 * 3600_000) fail(`${where}: worklog ${w.id} outside 09:00–17:00 (${w.started}, ${w.timeSpentSeconds}s)`);
      if (w.timeSpentSeconds <= 0) fail(`${where}: worklog ${w.id} has no time`);
      if (started < created || end > updated || end > todayStart) fail(`${where}: worklog ${w.id} outside the issue's life`);
      const key = `${w.author}|${day}`;
      const booked = bookedByPersonDay.get(key) ?? [];
      if (booked.some(([s, e]) => started < e && end > s)) fail(`${where}: worklog ${w.id} overlaps another of the same person`);
      booked.push([started, end]);
      bookedByPersonDay.set(key, booked);
    }
  }
  const maxId = (ids: string[]): number => ids.reduce((m, id) => Math.max(m, Number(id)), 0);
  if (site.counters.issue < maxId(site.issues.map((i) => i.id))) fail('issue counter below the highest issue id');
  if (site.counters.changelog < maxId(site.issues.flatMap((i) => i.changelog.map((c) => c.id)))) fail('changelog counter too low');
  if (site.counters.worklog < maxId(site.issues.flatMap((i) => i.worklogs.map((w) => w.id)))) fail('worklog counter too low');
  if (site.counters.comment < maxId(site.issues.flatMap((i) => i.comments.map((c) => c.id)))) fail('comment counter too low');
  if (site.counters.link < maxId(site.links.map((l) => l.id))) fail('link counter too low');
  if (site.counters.sprint < maxId(site.sprints.map((s) => String(s.id)))) fail('sprint counter too low');
  return problems;
}

/** Replays the changelog from the initial state and compares the result with the issue. */
function replayChangelog(
  issue: SandboxIssue, initialStatusId: string, transitions: Array<{ from: string[]; to: string }>,
  statuses: Map<string, { statusCategory: string }>, sprints: Map<number, { name: string }>, users: Map<string, unknown>,
  created: number, updated: number, fail: (msg: string) => void,
): void {
  const where = issue.key;
  let status = initialStatusId;
  let sprintIds: string | null = null;
  let sprintSeen = false;
  let lastDoneAt: string | null = null;
  let previous = created;
  for (const entry of issue.changelog) {
    const at = Date.parse(entry.created);
    if (at < previous) fail(`${where}: changelog ${entry.id} out of order`);
    if (at > updated) fail(`${where}: changelog ${entry.id} after updated`);
    previous = at;
    if (!users.has(entry.author)) fail(`${where}: changelog author unknown`);
    for (const item of entry.items) {
      if (item.field === 'status') {
        if (item.from !== status) fail(`${where}: status change from ${item.from} but issue was in ${status}`);
        if (!item.to || !statuses.has(item.to)) fail(`${where}: status change to unknown ${item.to}`);
        else if (!transitions.some((t) => t.to === item.to && (t.from.length === 0 || t.from.includes(status)))) fail(`${where}: no transition ${status} → ${item.to}`);
        status = item.to ?? status;
        if (statuses.get(status)?.statusCategory === 'done') lastDoneAt = entry.created;
      } else if (item.field === 'Sprint') {
        if (item.fieldId !== SPRINT_FIELD || item.fieldtype !== 'custom') fail(`${where}: Sprint item without its custom field id`);
        if (sprintSeen && item.from !== sprintIds) fail(`${where}: Sprint change from '${item.from}' but issue had '${sprintIds}'`);
        for (const id of (item.to ?? '').split(', ').filter(Boolean)) {
          if (!sprints.has(Number(id))) fail(`${where}: Sprint change to unknown sprint ${id}`);
        }
        sprintSeen = true;
        sprintIds = item.to;
      }
    }
  }
  if (status !== issue.statusId) fail(`${where}: changelog ends in status ${status}, issue is in ${issue.statusId}`);
  const done = statuses.get(issue.statusId)?.statusCategory === 'done';
  if (done !== (issue.resolutiondate !== null)) fail(`${where}: resolutiondate ${issue.resolutiondate} but status category ${statuses.get(issue.statusId)?.statusCategory}`);
  if (done && issue.changelog.length > 0 && issue.resolutiondate !== lastDoneAt) fail(`${where}: resolutiondate ${issue.resolutiondate} is not when it was done (${lastDoneAt})`);
  if (sprintSeen && (sprintIds ?? '') !== issue.sprintIds.join(', ')) fail(`${where}: changelog ends in sprints '${sprintIds}', issue has '${issue.sprintIds.join(', ')}'`);
}
