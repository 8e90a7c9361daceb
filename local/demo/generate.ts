/**
 * Large synthetic sites for benchmarks and load tests: the demo's people, roles, issue types and
 * workflow, with any number of issues spread over epics and two-week sprints reaching back in time
 * (about one sprint per 150 issues per project), each with a short, consistent history — a couple
 * of changelog entries and up to three worklogs. Deterministic for a seed and a `today`.
 */
import type { AccountId, SiteData } from '../jira/model';
import { DAY_MS, MINUTE_MS, at, dayStartMs, isoDate, utcDay } from './calendar';
import { doc, paragraph } from './adf';
import { materializeIssues, newDraft, WorkLedger, type IssueDraft } from './issueBuilder';
import { draftSubtask, planCreation, planLifecycle, planParentStatus, tryWorkInstants, type Lifecycle } from './lifecycle';
import { DEMO_USERS } from './people';
import { SeededRandom } from './random';
import {
  ISSUE_TYPE_IDS, LINK_TYPE_IDS, PRIORITY_IDS, emptySite, settleCounters, softwareProject, type PriorityName, type Progress,
} from './siteConfig';
import { buildSprintTimeline, type SprintTimeline, type SprintWindow } from './sprints';

export interface GenerateOptions {
  /** Total number of issues (epics and sub-tasks included). */
  issues: number;
  seed?: number;
  /** Defaults to the current UTC date. */
  today?: Date;
  /** Number of projects the issues are spread over (default 1). Even-numbered ones (1st, 3rd, …) have the client users in their Clients role. */
  projects?: number;
}

export const MAX_GENERATED_ISSUES = 1_000_000;
const ISSUES_PER_SPRINT = 150;
const ISSUES_PER_EPIC = 60;
const SUBTASK_SHARE = 0.1;
const PROJECT_KEYS = ['SHOP', 'OPS', 'WEB', 'APP', 'DATA', 'MOB', 'CRM', 'ERP', 'BI', 'HR'];

const DEVELOPERS: AccountId[] = [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4];
const CLIENTS: AccountId[] = [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing];

const AREAS = [
  'checkout', 'search', 'product catalogue', 'customer account', 'order history', 'admin dashboard', 'reporting', 'payments',
  'shipping', 'inventory sync', 'CMS', 'mobile navigation', 'notifications', 'returns portal', 'loyalty programme',
  'pricing engine', 'promotions', 'analytics', 'store locator', 'wishlist',
];
const FEATURES = [
  'saved filters', 'bulk actions', 'an audit history', 'CSV export', 'email preferences', 'accessibility labels', 'clearer error messages',
  'a date picker', 'pagination', 'keyboard shortcuts', 'status badges', 'empty states', 'sorting options', 'inline editing', 'a print view',
];
const STORY_VERBS = ['Add', 'Improve', 'Redesign', 'Simplify', 'Localise', 'Polish'];
const TASK_VERBS = ['Upgrade', 'Configure', 'Document', 'Automate', 'Monitor', 'Migrate', 'Refactor', 'Load-test'];
const BUG_SUBJECTS = ['Prices', 'Images', 'Buttons', 'Totals', 'Dates', 'Filters', 'Emails', 'Labels'];
const BUG_SYMPTOMS = ['do not load', 'show wrong values', 'break on Safari', 'are cut off on mobile', 'time out under load', 'ignore the locale', 'appear twice', 'flicker on scroll'];
const LABELS = ['frontend', 'backend', 'payments', 'seo', 'performance', 'devops', 'cms', 'needs-client-input', 'tested', 'migration'];
const COMMENTS = [
  'Picked this up, will update once the first version is on staging.',
  'Can we confirm the expected behaviour with the client before going further?',
  'Reviewed on staging: looks good to me.',
  'This depends on the API change going out first.',
  'Estimate looks low, there is more to it than the description says.',
];
const PRIORITY_WEIGHTS: Array<[PriorityName, number]> = [['medium', 60], ['high', 20], ['low', 12], ['highest', 4], ['lowest', 4]];
const POINTS = [1, 2, 3, 5, 8, 13];

function validate(opts: GenerateOptions): Required<Omit<GenerateOptions, 'today'>> & { today: Date } {
  if (!opts || typeof opts !== 'object') throw new Error('generateSite needs options: { issues, seed?, today?, projects? }');
  const { issues } = opts;
  if (!Number.isInteger(issues) || issues < 1 || issues > MAX_GENERATED_ISSUES) {
    throw new Error(`generateSite: issues must be a whole number from 1 to ${MAX_GENERATED_ISSUES}, got ${issues}`);
  }
  const projects = opts.projects ?? 1;
  if (!Number.isInteger(projects) || projects < 1 || projects > 50 || projects > issues) {
    throw new Error(`generateSite: projects must be a whole number from 1 to 50 and at most the number of issues, got ${opts.projects}`);
  }
  const seed = opts.seed ?? 1;
  if (!Number.isFinite(seed)) throw new Error(`generateSite: seed must be a finite number, got ${opts.seed}`);
  const today = opts.today ?? new Date();
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) throw new Error('generateSite: today must be a valid Date');
  return { issues, projects, seed, today };
}

function projectKey(index: number): string {
  return PROJECT_KEYS[index] ?? `P${index + 1}`;
}

export function generateSite(options: GenerateOptions): SiteData {
  const opts = validate(options);
  const todayDay = utcDay(opts.today);
  const todayStartMs = dayStartMs(todayDay);
  const rng = new SeededRandom(opts.seed);
  const site = emptySite(todayDay);
  const drafts: IssueDraft[] = [];
  let nextSprintId = 1;

  for (let p = 0; p < opts.projects; p++) {
    const count = Math.floor(opts.issues / opts.projects) + (p < opts.issues % opts.projects ? 1 : 0);
    const key = projectKey(p);
    const withClients = p % 2 === 0;
    const project = softwareProject({
      id: String(10000 + p), key, lead: DEMO_USERS.pm,
      name: withClients ? `Client project ${key}` : `Internal project ${key}`,
      description: `Generated project with ${count} issues.`,
      roleActors: {
        administrators: [DEMO_USERS.pm], projectManagers: [DEMO_USERS.pm], approvers: [DEMO_USERS.approver], developers: [...DEVELOPERS],
        clients: withClients ? [...CLIENTS] : [],
      },
    });
    site.projects.push(project);
    const boardId = p + 1;
    site.boards.push({ id: boardId, name: `${key} board`, type: 'scrum', projectId: project.id });
    const startedSprints = Math.max(1, Math.round(count / ISSUES_PER_SPRINT));
    const timeline = buildSprintTimeline({
      rng, boardId, firstSprintId: nextSprintId, closedCount: startedSprints - 1, todayDay,
      name: (n) => `${key} Sprint ${n}`, goal: (n) => `Sprint ${n} of ${key}`,
    });
    nextSprintId += timeline.all.length;
    site.sprints.push(...timeline.all.map((w) => w.sprint));
    drafts.push(...planProject(rng, { key, count, timeline, withClients, todayStartMs }));
  }

  materializeIssues({ site, rng, ledger: new WorkLedger(), todayStartMs }, drafts);
  addLinks(rng, site, drafts);
  settleCounters(site);
  return site;
}

interface EpicPlan {
  draft: IssueDraft;
  /** Index of the started sprint the epic's work begins in. */
  home: number;
  children: Lifecycle[];
  finals: Progress[];
}

function planProject(rng: SeededRandom, opts: { key: string; count: number; timeline: SprintTimeline; withClients: boolean; todayStartMs: number }): IssueDraft[] {
  const { key, count, timeline, withClients, todayStartMs } = opts;
  const pm = DEMO_USERS.pm;
  const started: SprintWindow[] = [...timeline.closed, timeline.active];
  const kickoffMs = at(Math.floor(started[0].startMs / DAY_MS) - 14, 9);
  const epicCount = count >= 10 ? Math.max(1, Math.round(count / ISSUES_PER_EPIC)) : 0;
  const subtaskCount = Math.floor((count - epicCount) * SUBTASK_SHARE);
  const standardCount = count - epicCount - subtaskCount;

  // Epics are themes over a stretch of sprints: each is written up about four weeks before its
  // first sprint, and issues belong to an epic whose stretch has begun.
  const epics: EpicPlan[] = [];
  for (let e = 0; e < epicCount; e++) {
    const home = Math.floor((e * started.length) / epicCount);
    const from = Math.max(kickoffMs, started[home].startMs - 28 * DAY_MS);
    const created = tryWorkInstants(rng, 1, from, from + 3 * DAY_MS)?.[0];
    if (created === undefined) throw new Error(`No working time to create epic ${e + 1} of ${key}`);
    const area = rng.pick(AREAS);
    const draft = newDraft({
      projectKey: key, issueTypeId: ISSUE_TYPE_IDS.epic, summary: `${area[0].toUpperCase()}${area.slice(1)} — phase ${e + 1}`,
      reporter: pm, created, assignee: pm, priorityId: PRIORITY_IDS.high,
      description: doc(paragraph(`Everything for the ${area} in this phase of the project.`)),
    });
    epics.push({ draft, home, children: [], finals: [] });
  }
  const epicFor = (sprintIndex: number): EpicPlan | null => {
    if (epics.length === 0) return null;
    // Epics whose stretch has begun by this sprint; prefer the recent ones.
    let lo = 0;
    let hi = epics.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (epics[mid].home <= sprintIndex) lo = mid;
      else hi = mid - 1;
    }
    const last = lo;
    return epics[Math.max(0, last - rng.int(0, 2))];
  };

  const standard: Array<{ draft: IssueDraft; lifecycle: Lifecycle; final: Progress; assignee: AccountId | null }> = [];
  for (let n = 0; n < standardCount; n++) {
    const roll = rng.next() * (started.length + 1);
    let visits: SprintWindow[];
    if (roll < started.length) {
      const k = Math.floor(roll);
      visits = started[k].sprint.state === 'closed' && k + 1 < started.length && rng.chance(0.08) ? [started[k], started[k + 1]] : [started[k]];
    } else {
      visits = roll < started.length + 0.4 ? [timeline.future] : [];
    }
    const last = visits[visits.length - 1];
    const inStartedSprint = visits.length > 0 && last.sprint.state !== 'future';
    const kind = rng.weighted<'story' | 'task' | 'bug'>([['story', 55], ['task', 25], ['bug', inStartedSprint ? 20 : 0]]);
    const final: Progress = !last || last.sprint.state === 'future' ? 'todo'
      : last.sprint.state === 'closed' ? 'done'
      : rng.weighted<Progress>([['todo', 25], ['progress', 30], ['review', 15], ['done', 30]]);
    const lateAdd = kind !== 'bug' && last?.sprint.state === 'active' && visits.length === 1 && rng.chance(0.06);
    const sprintIndex = visits.length > 0 && visits[0].sprint.state !== 'future' ? started.indexOf(visits[0]) : started.length - 1;
    const epic = epicFor(sprintIndex);

    const assignee = final === 'todo' && visits.length === 0 && rng.chance(0.5) ? null : rng.pick(DEVELOPERS);
    const reporter = rng.weighted<AccountId>([[pm, 55], [rng.pick(DEVELOPERS), 25], [rng.pick(CLIENTS), withClients ? 20 : 0]]);
    const timing = planCreation(rng, {
      visits, joinedMidSprint: kind === 'bug' || lateAdd, raisedMidSprint: kind === 'bug' || CLIENTS.includes(reporter),
      earliestMs: Math.max(kickoffMs + DAY_MS, (epic?.draft.created ?? 0) + MINUTE_MS), todayStartMs,
    });
    if (!timing) throw new Error(`${key}: no working time to create generated issue ${n + 1}`);
    const owner = assignee ?? rng.pick(DEVELOPERS);
    const lifecycle = planLifecycle({
      rng, created: timing.created, visits, addedAt: timing.addedAt, final,
      review: kind !== 'task', rework: rng.chance(0.04),
      assignee: owner, reviewer: DEVELOPERS[(DEVELOPERS.indexOf(owner) + 1) % DEVELOPERS.length], planner: pm, todayStartMs,
    });
    const points = kind === 'task' && rng.chance(0.4) ? undefined : rng.pick(POINTS);
    const area = rng.pick(AREAS);
    const draft = newDraft({
      projectKey: key,
      issueTypeId: ISSUE_TYPE_IDS[kind],
      ...describe(rng, kind, area),
      priorityId: PRIORITY_IDS[rng.weighted(PRIORITY_WEIGHTS)],
      labels: pickLabels(rng),
      storyPoints: points,
      duedate: rng.chance(0.2) ? dueDate(rng, visits, todayStartMs) : null,
      reporter,
      created: timing.created,
      assignee,
      initialSprintIds: lifecycle.initialSprintIds,
      sprintMoves: lifecycle.sprintMoves,
      statusMoves: lifecycle.statusMoves,
      parent: epic?.draft ?? null,
    });
    if (lifecycle.startedAt !== null && lifecycle.stoppedAt !== null) {
      const entries = rng.int(0, 3);
      if (entries > 0) draft.work.push({ author: owner, fromMs: lifecycle.startedAt, toMs: lifecycle.stoppedAt, hours: entries * rng.int(2, 6), entries });
    }
    if (rng.chance(0.08)) {
      const when = tryWorkInstants(rng, 1, timing.created + 30 * MINUTE_MS, lifecycle.stoppedAt ?? todayStartMs)?.[0];
      const author = rng.pick([owner, pm, ...(withClients ? CLIENTS : [])]);
      if (when !== undefined) draft.comments.push({ at: when, author, body: doc(paragraph(rng.pick(COMMENTS))) });
    }
    epic?.children.push(lifecycle);
    epic?.finals.push(final);
    standard.push({ draft, lifecycle, final, assignee });
  }

  const subtasks: IssueDraft[] = [];
  const subtasksOf = new Map<IssueDraft, number>();
  const parents = standard.filter((s) => s.draft.issueTypeId !== ISSUE_TYPE_IDS.bug);
  for (let n = 0; n < subtaskCount && parents.length > 0; n++) {
    const parent = rng.pick(parents);
    const index = subtasksOf.get(parent.draft) ?? 0;
    subtasksOf.set(parent.draft, index + 1);
    subtasks.push(draftSubtask(rng, {
      parent: parent.draft, parentLifecycle: parent.lifecycle, parentFinal: parent.final, index,
      owner: parent.assignee ?? rng.pick(DEVELOPERS), summary: `${rng.pick(STORY_VERBS)} ${rng.pick(FEATURES)} (part ${index + 1})`,
      labels: parent.draft.labels, todayStartMs,
    }));
  }

  for (const epic of epics) {
    epic.draft.statusMoves = planParentStatus(rng, { created: epic.draft.created, by: pm, todayStartMs, children: epic.children, childrenFinal: epic.finals });
  }
  return [...epics.map((e) => e.draft), ...standard.map((s) => s.draft), ...subtasks];
}

function describe(rng: SeededRandom, kind: 'story' | 'task' | 'bug', area: string): { summary: string; description: ReturnType<typeof doc> } {
  const feature = rng.pick(FEATURES);
  switch (kind) {
    case 'story':
      return {
        summary: `${rng.pick(STORY_VERBS)} ${feature} in the ${area}`,
        description: doc(paragraph(`As a shopper or an editor I want ${feature} in the ${area}, so that I get my job done faster.`)),
      };
    case 'task':
      return {
        summary: `${rng.pick(TASK_VERBS)} the ${area} service`,
        description: doc(paragraph(`Housekeeping on the ${area} service before the next release.`)),
      };
    case 'bug': {
      const subject = rng.pick(BUG_SUBJECTS);
      const symptom = rng.pick(BUG_SYMPTOMS);
      return {
        summary: `${subject} ${symptom} in the ${area}`,
        description: doc(paragraph(`${subject} ${symptom} in the ${area}. Expected them to work as in the design.`)),
      };
    }
  }
}

function pickLabels(rng: SeededRandom): string[] {
  const count = rng.weighted<number>([[0, 30], [1, 50], [2, 20]]);
  const labels = new Set<string>();
  while (labels.size < count) labels.add(rng.pick(LABELS));
  return [...labels];
}

function dueDate(rng: SeededRandom, visits: SprintWindow[], todayStartMs: number): string {
  const first = visits[0];
  if (first && first.sprint.state !== 'future') return isoDate(Math.floor(first.endMs / DAY_MS));
  return isoDate(Math.floor(todayStartMs / DAY_MS) + rng.int(5, 40));
}

/** About one link per 25 issues, between standard issues of the same project. */
function addLinks(rng: SeededRandom, site: SiteData, drafts: IssueDraft[]): void {
  const byProject = new Map<string, string[]>();
  for (const d of drafts) {
    if (!d.issue || d.issueTypeId === ISSUE_TYPE_IDS.epic || d.issueTypeId === ISSUE_TYPE_IDS.subtask) continue;
    const ids = byProject.get(d.projectKey) ?? [];
    ids.push(d.issue.id);
    byProject.set(d.projectKey, ids);
  }
  for (const ids of byProject.values()) {
    const wanted = Math.floor(ids.length / 25);
    for (let n = 0; n < wanted; n++) {
      const inward = rng.pick(ids);
      const outward = rng.pick(ids);
      if (inward === outward) continue;
      const typeId = rng.weighted<string>([[LINK_TYPE_IDS.blocks, 40], [LINK_TYPE_IDS.relates, 50], [LINK_TYPE_IDS.duplicate, 10]]);
      site.links.push({ id: String(++site.counters.link), typeId, inwardIssueId: inward, outwardIssueId: outward });
    }
  }
}
