/**
 * The demo site: Brightlane Digital relaunching Northwind Outfitters' web shop (project SHOP,
 * scrum, four sprints done or under way and one planned) next to the agency's own operations
 * (project OPS, kanban, whose only client is the agency's outside accountant). All dates are relative to `today`, so the demo always
 * looks current, and the same `today` always gives the same site.
 */
import type { AccountId, AdfDoc, IssueLinkRecord, SiteData } from '../jira/model';
import { DAY_MS, HOUR_MS, MINUTE_MS, at, dayStartMs, isoDate, utcDay } from './calendar';
import { bulletList, doc, heading, mention, paragraph } from './adf';
import { planChangeRequests } from './changeRequests';
import { materializeIssues, newDraft, WorkLedger, type CommentPlan, type IssueDraft } from './issueBuilder';
import { draftSubtask, planCreation, planLifecycle, planParentStatus, tryWorkInstants, workPlanFor, type Lifecycle } from './lifecycle';
import { OPS_ENTRIES } from './opsBacklog';
import { DEMO_PEOPLE, DEMO_USERS, type Persona } from './people';
import { SeededRandom } from './random';
import { SHOP_BACKLOG, SHOP_EPICS, SHOP_LINKS, SHOP_SPRINT_GOALS, type BacklogComment, type BacklogEntry, type EpicRef } from './shopBacklog';
import {
  ISSUE_TYPE_IDS, LINK_TYPE_IDS, PRIORITY_IDS, emptySite, settleCounters, softwareProject, type Progress,
} from './siteConfig';
import { buildSprintTimeline, type SprintTimeline, type SprintWindow } from './sprints';

export { DEMO_USERS, DEMO_PEOPLE, PERSONAS, type Persona } from './people';

export const DEMO_PROJECT_KEY = 'SHOP';
export const OTHER_PROJECT_KEY = 'OPS';
export const DEMO_PROJECT_ID = '10000';
export const OTHER_PROJECT_ID = '10001';
export const DEMO_BOARD_ID = 1;
export const OTHER_BOARD_ID = 2;

/** Fixed, so the demo only changes with `today`. */
const DEMO_SEED = 0x5140;

const WORK_NOTES = ['Implementation', 'Fixing review comments', 'Testing on staging', 'Pairing session', 'Investigation', 'Writing tests'];

const isClient = (p: Persona): boolean => p === 'clientPo' || p === 'clientMarketing';

/** QA reviews everyone's work; QA's own work is reviewed by the back-end developer. */
const reviewerOf = (owner: Persona): AccountId => DEMO_USERS[owner === 'dev4' ? 'dev2' : 'dev4'];

function describe(detail: string, criteria?: string[]): AdfDoc {
  return criteria?.length ? doc(paragraph(detail), heading(3, 'Acceptance criteria'), bulletList(criteria)) : doc(paragraph(detail));
}

function commentBody(c: BacklogComment): AdfDoc {
  if (!c.to) return doc(paragraph(c.text));
  const to = DEMO_PEOPLE[c.to];
  return doc(paragraph(mention(to.accountId, to.displayName), ` ${c.text}`));
}

export function buildDemoSite(today: Date = new Date()): SiteData {
  const todayDay = utcDay(today);
  const todayStartMs = dayStartMs(todayDay);
  const rng = new SeededRandom(DEMO_SEED);
  const site = emptySite(todayDay);
  const pm = DEMO_USERS.pm;
  const developers = [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4];

  site.projects.push(
    softwareProject({
      id: DEMO_PROJECT_ID, key: DEMO_PROJECT_KEY, name: 'Northwind web shop relaunch', lead: pm,
      description: 'Brightlane Digital rebuilds the Northwind Outfitters online shop: new catalogue, checkout, customer accounts and CMS.',
      roleActors: {
        administrators: [pm], projectManagers: [pm], approvers: [DEMO_USERS.approver], developers,
        clients: [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing],
      },
    }),
    softwareProject({
      id: OTHER_PROJECT_ID, key: OTHER_PROJECT_KEY, name: 'Brightlane internal ops', lead: DEMO_USERS.approver,
      description: "The agency's own operations: infrastructure, finance, people and tools.",
      // A client of OPS only: the "client of another project" every SHOP check is run against.
      roleActors: { administrators: [pm], projectManagers: [pm], approvers: [DEMO_USERS.approver], developers, clients: [DEMO_USERS.clientOps] },
    }),
  );
  site.boards.push(
    { id: DEMO_BOARD_ID, name: 'SHOP board', type: 'scrum', projectId: DEMO_PROJECT_ID },
    { id: OTHER_BOARD_ID, name: 'OPS board', type: 'kanban', projectId: OTHER_PROJECT_ID },
  );
  const timeline = buildSprintTimeline({
    rng, boardId: DEMO_BOARD_ID, firstSprintId: 1, closedCount: 3, todayDay,
    name: (n) => `SHOP Sprint ${n}`, goal: (n) => SHOP_SPRINT_GOALS[n - 1],
  });
  site.sprints.push(...timeline.all.map((w) => w.sprint));

  const shop = planShop(rng, timeline, todayStartMs);
  const ops = planOps(rng, todayStartMs);
  const changeRequests = planChangeRequests(site, DEMO_PROJECT_KEY, todayDay);
  // One call numbers every issue by its creation time, change requests included (as Jira would).
  materializeIssues({ site, rng, ledger: new WorkLedger(), todayStartMs }, [...shop.drafts, ...ops, ...changeRequests.drafts]);
  changeRequests.settle();

  const linkTypeIds = { blocks: LINK_TYPE_IDS.blocks, relates: LINK_TYPE_IDS.relates, duplicate: LINK_TYPE_IDS.duplicate, cloners: LINK_TYPE_IDS.cloners };
  for (const link of SHOP_LINKS) {
    const subject = shop.byRef.get(link.subject)?.issue;
    const object = shop.byRef.get(link.object)?.issue;
    if (!subject || !object) throw new Error(`Demo link names an unknown issue: ${link.subject} ${link.type} ${link.object}`);
    // Stored as the sandbox reads links: "inwardIssue <outward description> outwardIssue".
    const record: IssueLinkRecord = { id: String(++site.counters.link), typeId: linkTypeIds[link.type], inwardIssueId: subject.id, outwardIssueId: object.id };
    site.links.push(record);
  }
  settleCounters(site);
  return site;
}

interface ShopPlan {
  drafts: IssueDraft[];
  byRef: Map<string, IssueDraft>;
}

function planShop(rng: SeededRandom, timeline: SprintTimeline, todayStartMs: number): ShopPlan {
  const pm = DEMO_USERS.pm;
  const kickoffDay = Math.floor(timeline.all[0].startMs / DAY_MS) - 14;
  const kickoffMs = at(kickoffDay, 9);
  const todayDay = Math.floor(todayStartMs / DAY_MS);
  const drafts: IssueDraft[] = [];
  const byRef = new Map<string, IssueDraft>();
  const subtasks: IssueDraft[] = [];

  const epicTimes = tryWorkInstants(rng, SHOP_EPICS.length, kickoffMs, at(kickoffDay, 17));
  if (!epicTimes) throw new Error('Kick-off day has no working time');
  const epics = new Map<EpicRef, { draft: IssueDraft; children: Lifecycle[]; finals: Progress[] }>();
  SHOP_EPICS.forEach((epic, i) => {
    const draft = newDraft({
      projectKey: DEMO_PROJECT_KEY, issueTypeId: ISSUE_TYPE_IDS.epic, summary: epic.summary, reporter: pm, created: epicTimes[i],
      description: doc(paragraph(epic.detail)), assignee: pm, priorityId: PRIORITY_IDS.high,
      duedate: epic.due === undefined ? null : isoDate(todayDay + epic.due),
    });
    epics.set(epic.ref, { draft, children: [], finals: [] });
    drafts.push(draft);
  });

  for (const entry of SHOP_BACKLOG) {
    if (byRef.has(entry.ref)) throw new Error(`Duplicate SHOP backlog ref '${entry.ref}'`);
    const epic = epics.get(entry.epic);
    if (!epic) throw new Error(`SHOP backlog entry '${entry.ref}' names unknown epic '${entry.epic}'`);
    const visits = entry.sprints.map((ordinal) => {
      const window = timeline.all[ordinal - 1];
      if (!window) throw new Error(`SHOP backlog entry '${entry.ref}' names sprint ${ordinal}, which does not exist`);
      return window;
    });
    if (entry.status !== 'todo' && !entry.owner) throw new Error(`SHOP backlog entry '${entry.ref}' is ${entry.status} but has no owner`);
    const reporterPersona = entry.reporter ?? 'pm';
    const reporter = DEMO_USERS[reporterPersona];
    const owner = entry.owner ? DEMO_USERS[entry.owner] : null;
    const { created, addedAt } = entryTiming(rng, entry, visits, kickoffMs, todayStartMs);
    // Client-raised issues arrive unassigned; the PM assigns them when planning them in.
    const assignedLater = isClient(reporterPersona) && owner !== null && visits.length > 0;
    const lifecycle = planLifecycle({
      rng, created, visits, addedAt, final: entry.status,
      review: entry.review ?? entry.kind !== 'task', rework: entry.rework,
      assignee: owner ?? pm, reviewer: reviewerOf(entry.owner ?? 'pm'), planner: pm, todayStartMs,
    });
    const draft = newDraft({
      projectKey: DEMO_PROJECT_KEY,
      issueTypeId: ISSUE_TYPE_IDS[entry.kind],
      summary: entry.summary,
      description: describe(entry.detail, entry.criteria),
      priorityId: PRIORITY_IDS[entry.priority ?? 'medium'],
      labels: [...entry.labels],
      storyPoints: entry.points,
      duedate: dueDate(entry, visits, todayDay),
      reporter,
      created,
      assignee: assignedLater ? null : owner,
      initialSprintIds: lifecycle.initialSprintIds,
      sprintMoves: lifecycle.sprintMoves,
      statusMoves: lifecycle.statusMoves,
      parent: epic.draft,
    });
    if (assignedLater) {
      const firstAdd = lifecycle.sprintMoves[0]?.at ?? created;
      draft.assigneeMoves.push({ at: firstAdd + MINUTE_MS, by: pm, to: owner });
    }
    if (lifecycle.startedAt !== null && lifecycle.stoppedAt !== null && owner) {
      draft.work.push(workPlanFor(owner, lifecycle.startedAt, lifecycle.stoppedAt, entry.points, WORK_NOTES));
    }
    // Conversation on a finished issue ends shortly after it is closed.
    const talkUntil = entry.status === 'done' ? Math.min((lifecycle.stoppedAt as number) + 2 * HOUR_MS, todayStartMs) : todayStartMs;
    draft.comments = planComments(rng, entry.comments ?? [], created, talkUntil);
    epic.children.push(lifecycle);
    epic.finals.push(entry.status);
    drafts.push(draft);
    byRef.set(entry.ref, draft);
    subtasks.push(...planSubtasks(rng, entry, draft, lifecycle, todayStartMs));
  }

  for (const { draft, children, finals } of epics.values()) {
    draft.statusMoves = planParentStatus(rng, { created: draft.created, by: pm, todayStartMs, children, childrenFinal: finals });
  }
  return { drafts: [...drafts, ...subtasks], byRef };
}

/** When an entry was created and, for late additions and bugs, when it joined its sprint. */
function entryTiming(rng: SeededRandom, entry: BacklogEntry, visits: SprintWindow[], kickoffMs: number, todayStartMs: number): { created: number; addedAt?: number } {
  const joinedMidSprint = visits.length > 0 && (entry.kind === 'bug' || entry.lateAdd === true);
  const timing = planCreation(rng, {
    visits, joinedMidSprint, raisedMidSprint: entry.kind === 'bug' || isClient(entry.reporter ?? 'pm'),
    earliestMs: kickoffMs + DAY_MS, todayStartMs,
  });
  if (!timing) throw new Error(`No working time to create SHOP backlog entry '${entry.ref}'`);
  return timing;
}

function dueDate(entry: BacklogEntry, visits: SprintWindow[], todayDay: number): string | null {
  if (entry.due === undefined) return null;
  if (entry.due === 'sprint') {
    if (!visits[0]) throw new Error(`'${entry.ref}' is due at the end of its sprint but is in none`);
    return isoDate(Math.floor(visits[0].endMs / DAY_MS));
  }
  return isoDate(todayDay + entry.due);
}

function planComments(rng: SeededRandom, comments: BacklogComment[], created: number, until: number): CommentPlan[] {
  if (comments.length === 0) return [];
  const times = tryWorkInstants(rng, comments.length, created + 30 * MINUTE_MS, until);
  if (!times) throw new Error('No working time for the comments of a demo issue');
  return comments.map((c, i) => {
    const plan: CommentPlan = { at: times[i], author: DEMO_USERS[c.by], body: commentBody(c) };
    if (c.internal) plan.visibility = { type: 'role', value: 'Developers' };
    return plan;
  });
}

function planSubtasks(rng: SeededRandom, entry: BacklogEntry, parent: IssueDraft, lifecycle: Lifecycle, todayStartMs: number): IssueDraft[] {
  return (entry.subtasks ?? []).map((sub, index) => draftSubtask(rng, {
    parent, parentLifecycle: lifecycle, parentFinal: entry.status, index,
    owner: DEMO_USERS[sub.owner ?? entry.owner ?? 'dev1'], summary: sub.summary,
    labels: entry.labels.filter((l) => l !== 'needs-client-input'), todayStartMs, notes: WORK_NOTES,
  }));
}

function planOps(rng: SeededRandom, todayStartMs: number): IssueDraft[] {
  const todayDay = Math.floor(todayStartMs / DAY_MS);
  return OPS_ENTRIES.map((entry) => {
    if (entry.raisedDaysAgo < 3) throw new Error(`OPS entry '${entry.summary}' must be raised at least 3 days ago`);
    const raisedDay = todayDay - entry.raisedDaysAgo;
    // Raised on that day (or the next working day when it falls on a weekend).
    const created = tryWorkInstants(rng, 1, at(raisedDay, 9), Math.min(at(raisedDay + 3, 17), todayStartMs - DAY_MS))?.[0];
    if (created === undefined) throw new Error(`No working time to create OPS entry '${entry.summary}'`);
    const owner = DEMO_USERS[entry.owner];
    const reviewer = entry.reporter !== entry.owner ? DEMO_USERS[entry.reporter] : DEMO_USERS.approver;
    const lifecycle = planLifecycle({
      rng, created, visits: [], final: entry.status, review: entry.status === 'review',
      assignee: owner, reviewer, planner: DEMO_USERS.pm, todayStartMs,
    });
    const draft = newDraft({
      projectKey: OTHER_PROJECT_KEY, issueTypeId: ISSUE_TYPE_IDS[entry.kind], summary: entry.summary,
      description: doc(paragraph(entry.detail)), reporter: DEMO_USERS[entry.reporter], created, assignee: owner,
      priorityId: PRIORITY_IDS[entry.priority ?? 'medium'], labels: [...entry.labels],
      duedate: entry.due === undefined ? null : isoDate(todayDay + entry.due),
      statusMoves: lifecycle.statusMoves,
    });
    if (lifecycle.startedAt !== null && lifecycle.stoppedAt !== null && entry.hours) {
      draft.work.push({ author: owner, fromMs: lifecycle.startedAt, toMs: lifecycle.stoppedAt, hours: entry.hours, entries: Math.ceil(entry.hours / 2) });
    }
    draft.comments = planComments(rng, entry.comments ?? [], created, todayStartMs);
    return draft;
  });
}
