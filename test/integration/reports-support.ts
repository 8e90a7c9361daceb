/**
 * The reports tests' fixture site: one small project (ACME) whose every number is worked out by
 * hand in reports-numbers.test.ts. Dates are relative to M, the Monday of the current ISO week
 * (UTC), so the site always looks the same from "now": the report period is the week M-14..M-8,
 * the previous week M-21..M-15, the next M-7..M-1. Working days Mon–Fri, no holidays.
 *
 * Sprints (board 1): S1 closed M-28 09:00 → M-17 17:00; S2 closed M-14 09:00 → M-10 17:00;
 * S3 active from M-7 09:00; S4 future.
 * Issues (points; epic; sprints; state):
 *   ACME-1  Epic "Checkout" (open)          ACME-2  Epic "Search" (open)
 *   ACME-3  5  E1  S1          done M-20 12:00
 *   ACME-4  3  E1  S1 → S2 (Sprint field change M-17 18:00)  done M-12 15:00
 *   ACME-5  8  E2  S2 → S3 (change M-10 18:00)  in progress; open high flag (internal)
 *   ACME-6  2  E2  S2, created M-12 10:00 (added after the start)  done M-11 16:00
 *   ACME-7  1  —   no sprint   done M-13 11:00
 *   ACME-8  3  E1  no sprint   due M-11, not done; ask to Hannah (clientPo) due M-17, waiting since M-20
 *   ACME-9  2  E1  no sprint   due M-12, done M-12 10:00; 22 worklogs (only 2 in the periods)
 *   ACME-10 1  E2  no sprint   due M-13, done M-11 10:00 (2 business days late)
 *   ACME-11 5  E2  S4          due M-4; open low client-visible flag; ask to James due M+10
 *   ACME-13 8  E1  done M-50, untouched since (read through the epic's children)
 *   ACME-14 change request, paid EUR 1500 +2 schedule days, decided M-11 15:00, requested M-13
 *   ACME-15 change request awaiting approval, requested M-12
 */
import type { AskEvent, ClientAsk } from '../../src/asks/domain/clientAsk';
import { seedStoredAsk } from './asks-support';
import { DEMO_USERS } from '../../local/demo/site';
import { ISSUE_TYPE_IDS, PRIORITY_IDS, STATUS_IDS, emptySite, settleCounters, softwareProject } from '../../local/demo/siteConfig';
import { SPRINT_FIELD, STORY_POINTS_FIELD, type SandboxIssue, type SiteData, type WorklogRecord } from '../../local/jira/model';
import type { TestHost } from '../../local/host/testing';
import { changeProjection, emptyDocument, type ChangeDocument } from '../../src/changes/domain/changeRequest';
import { flagsIndex } from '../../src/flags/domain/flagRecord';
import type { Flag } from '../../src/flags/domain/redFlags';

export const FIXTURE_PROJECT = 'ACME';
const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the current ISO week. */
export function mondayMs(now: Date = new Date()): number {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

/** YYYY-MM-DD of M+n. */
export const d = (n: number, now?: Date): string => new Date(mondayMs(now) + n * DAY_MS).toISOString().slice(0, 10);
/** Jira-style instant of M+n at `hour`:00 UTC. */
export const t = (n: number, hour: number, now?: Date): string => new Date(mondayMs(now) + n * DAY_MS + hour * 3_600_000).toISOString().replace('Z', '+0000');

/** Today's weekday, Monday 0 .. Sunday 6 (some overdue counts grow through the week). */
export const weekdayIndex = (now: Date = new Date()): number => (now.getUTCDay() + 6) % 7;

interface Draft {
  n: number;
  summary: string;
  type: keyof typeof ISSUE_TYPE_IDS;
  points?: number;
  epic?: number;
  sprints?: number[];
  /** Sprint field changes: [day, hour, from, to]. */
  sprintChanges?: [number, number, number[], number[]][];
  created: [number, number];
  done?: [number, number];
  progress?: boolean;
  due?: number;
}

const DRAFTS: Draft[] = [
  { n: 1, summary: 'Checkout', type: 'epic', created: [-60, 9], progress: true },
  { n: 2, summary: 'Search', type: 'epic', created: [-60, 9] },
  { n: 3, summary: 'Cart page', type: 'story', points: 5, epic: 1, sprints: [1], created: [-30, 9], done: [-20, 12] },
  { n: 4, summary: 'Address form', type: 'story', points: 3, epic: 1, sprints: [1, 2], sprintChanges: [[-17, 18, [1], [1, 2]]], created: [-29, 9], done: [-12, 15] },
  { n: 5, summary: 'Payment provider', type: 'story', points: 8, epic: 2, sprints: [2, 3], sprintChanges: [[-10, 18, [2], [2, 3]]], created: [-16, 10], progress: true },
  { n: 6, summary: 'Search filters', type: 'task', points: 2, epic: 2, sprints: [2], created: [-12, 10], done: [-11, 16] },
  { n: 7, summary: 'Fix logo size', type: 'bug', points: 1, created: [-25, 9], done: [-13, 11] },
  { n: 8, summary: 'Delivery options', type: 'story', points: 3, epic: 1, created: [-26, 9], due: -11 },
  { n: 9, summary: 'Order summary', type: 'story', points: 2, epic: 1, created: [-45, 9], done: [-12, 10], due: -12 },
  { n: 10, summary: 'Search ranking', type: 'task', points: 1, epic: 2, created: [-20, 9], done: [-11, 10], due: -13 },
  { n: 11, summary: 'Saved searches', type: 'story', points: 5, epic: 2, sprints: [4], created: [-9, 9], due: -4 },
  { n: 12, summary: 'Project kick-off', type: 'task', created: [-71, 9], done: [-69, 9] },
  { n: 13, summary: 'Basket badge', type: 'story', points: 8, epic: 1, created: [-70, 9], done: [-50, 9] },
  { n: 14, summary: 'Gift wrapping', type: 'task', created: [-13, 9] },
  { n: 15, summary: 'Loyalty points', type: 'task', created: [-12, 9] },
];

function worklog(id: number, author: string, startedDay: number, hour: number, seconds: number): WorklogRecord {
  const started = t(startedDay, hour);
  return { id: String(id), author, timeSpentSeconds: seconds, started, created: started, updated: started };
}

function flag(id: string, f: Pick<Flag, 'category' | 'severity' | 'note' | 'clientVisible'> & { raisedAt: string; resolvedAt?: string }): Flag {
  return { id, source: 'manual', raisedBy: DEMO_USERS.dev1, ...f, ...(f.resolvedAt ? { resolvedBy: DEMO_USERS.pm, resolution: 'Sorted' } : {}) };
}

/** The fixture site (the asks' field values follow once the sandbox has named the field: addFixtureAsks). */
/** The fixture's `flag` and `change` records, filled by buildFixtureSite and seeded by startFixtureHost. */
const FIXTURE_RECORDS: { entityName: string; key: string; value: unknown }[] = [];

export function buildFixtureSite(): SiteData {
  FIXTURE_RECORDS.length = 0;
  const site = emptySite(Math.floor(Date.now() / DAY_MS));
  const project = softwareProject({
    id: '10100', key: FIXTURE_PROJECT, name: 'Acme web shop', lead: DEMO_USERS.pm, description: 'Report fixture',
    roleActors: { administrators: [DEMO_USERS.pm], projectManagers: [DEMO_USERS.pm], approvers: [DEMO_USERS.approver], developers: [DEMO_USERS.dev1, DEMO_USERS.dev2], clients: [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing] },
  });
  site.projects.push(project);
  site.boards.push({ id: 1, name: 'ACME board', type: 'scrum', projectId: project.id });
  site.sprints.push(
    { id: 1, boardId: 1, name: 'ACME Sprint 1', state: 'closed', startDate: t(-28, 9), endDate: t(-17, 17), completeDate: t(-17, 17) },
    { id: 2, boardId: 1, name: 'ACME Sprint 2', state: 'closed', startDate: t(-14, 9), endDate: t(-10, 17), completeDate: t(-10, 17) },
    { id: 3, boardId: 1, name: 'ACME Sprint 3', state: 'active', startDate: t(-7, 9), endDate: t(4, 17) },
    { id: 4, boardId: 1, name: 'ACME Sprint 4', state: 'future' },
  );
  const idOf = (n: number) => String(10100 + n);
  let changelogId = 50000;
  for (const draft of DRAFTS) {
    const created = t(...draft.created);
    const done = draft.done ? t(...draft.done) : null;
    const issue: SandboxIssue = {
      id: idOf(draft.n), key: `${FIXTURE_PROJECT}-${draft.n}`, projectId: project.id, issueTypeId: ISSUE_TYPE_IDS[draft.type],
      statusId: done ? STATUS_IDS.done : draft.progress ? STATUS_IDS.progress : STATUS_IDS.todo,
      summary: draft.summary, description: null, assignee: DEMO_USERS.dev1, reporter: DEMO_USERS.pm, creator: DEMO_USERS.pm,
      created, updated: done ?? created, resolutiondate: done, duedate: draft.due === undefined ? null : d(draft.due), labels: [],
      priorityId: PRIORITY_IDS.medium, parentId: draft.epic ? idOf(draft.epic) : null, sprintIds: draft.sprints ?? [],
      customFields: draft.points === undefined ? {} : { [STORY_POINTS_FIELD]: draft.points },
      properties: {}, changelog: [], comments: [], worklogs: [],
    };
    for (const [day, hour, from, to] of draft.sprintChanges ?? []) {
      issue.changelog.push({
        id: String(++changelogId), author: DEMO_USERS.pm, created: t(day, hour),
        items: [{ field: 'Sprint', fieldtype: 'custom', fieldId: SPRINT_FIELD, from: from.join(', '), fromString: null, to: to.join(', '), toString: null }],
      });
    }
    site.issues.push(issue);
  }
  const issue = (n: number) => site.issues.find((i) => i.key === `${FIXTURE_PROJECT}-${n}`) as SandboxIssue;

  // Worklogs: hours in the period (M-14..M-8) and the previous week (M-21..M-15); others are ignored.
  let worklogId = 70000;
  issue(4).worklogs.push(worklog(++worklogId, DEMO_USERS.dev1, -12, 9, 3 * 3600), worklog(++worklogId, DEMO_USERS.dev1, -30, 9, 3600));
  issue(6).worklogs.push(worklog(++worklogId, DEMO_USERS.dev1, -11, 9, 2 * 3600));
  issue(5).worklogs.push(worklog(++worklogId, DEMO_USERS.dev2, -13, 9, 4 * 3600), worklog(++worklogId, DEMO_USERS.dev2, -19, 9, 5400));
  issue(7).worklogs.push(worklog(++worklogId, DEMO_USERS.dev2, -13, 14, 3600));
  issue(3).worklogs.push(worklog(++worklogId, DEMO_USERS.dev1, -20, 9, 9000));
  // 20 old worklogs first (all Jira embeds in a search), then two in the period: only a per-issue read finds those.
  for (let i = 0; i < 20; i += 1) issue(9).worklogs.push(worklog(++worklogId, DEMO_USERS.dev1, -40, 9, 600));
  issue(9).worklogs.push(worklog(++worklogId, DEMO_USERS.dev1, -12, 8, 1800), worklog(++worklogId, DEMO_USERS.dev1, -12, 9, 1800));

  // Red flags and change requests live in their records (seeded into storage by startFixtureHost); Jira holds their projections.
  const flags = (n: number, list: Flag[]) => {
    FIXTURE_RECORDS.push({ entityName: 'flag', key: issue(n).id, value: { projectKey: FIXTURE_PROJECT, issueKey: issue(n).key, version: 1, updatedAt: t(-9, 12), flags: list, dropped: 0, projected: flagsIndex(list) } });
    issue(n).properties['liaison-flags'] = flagsIndex(list);
  };
  flags(5, [flag('f-5', { category: 'uncharted-territory', severity: 'high', note: 'New payment API nobody here has used', clientVisible: false, raisedAt: t(-12, 12) })]);
  flags(11, [flag('f-11', { category: 'client-confused', severity: 'low', note: 'Client unsure which filters to save', clientVisible: true, raisedAt: t(-9, 12) })]);
  flags(4, [flag('f-4', { category: 'schedule-slip', severity: 'medium', note: 'Slipped a sprint', clientVisible: false, raisedAt: t(-17, 12), resolvedAt: t(-12, 16) })]);


  const change = (n: number, doc: ChangeDocument) => {
    const projected = changeProjection(doc.step!, doc, { showCostsToClient: false });
    FIXTURE_RECORDS.push({ entityName: 'change', key: issue(n).id, value: { projectKey: FIXTURE_PROJECT, issueKey: issue(n).key, version: 1, updatedAt: doc.requestedAt!, document: doc, projected } });
    issue(n).properties['liaison-change'] = projected;
  };
  change(14, {
    ...emptyDocument(), requestedBy: DEMO_USERS.clientPo, requestedAt: t(-13, 9), raisedVia: 'portal', step: 'approved',
    assessment: { effortDays: 3, scheduleDays: 2, cost: 1200, currency: 'EUR', scope: 'Wish list', notes: [], assessedBy: DEMO_USERS.dev1, assessedAt: t(-12, 15) },
    decision: { outcome: 'paid', price: { amount: 1500, currency: 'EUR' }, rationale: 'New scope', by: DEMO_USERS.approver, at: t(-11, 15) },
  });
  change(15, { ...emptyDocument(), requestedBy: DEMO_USERS.clientPo, requestedAt: t(-12, 9), raisedVia: 'jira', step: 'awaiting-approval' });
  settleCounters(site);
  return site;
}

/** The asks of ACME-8 and ACME-11: their records in storage and their projection in the Client assignee field. */
export function addFixtureAsks(host: TestHost): void {
  const ask = (client: string, text: string, due: string, askedAt: string): ClientAsk => ({ client, ask: text, due, state: 'waiting', askedAt, askedBy: DEMO_USERS.pm, round: 1 });
  const asked = (a: ClientAsk): AskEvent => ({ at: a.askedAt, by: a.askedBy, action: 'asked', client: a.client, due: a.due, state: a.state, round: a.round, note: a.ask });
  const acme8 = ask(DEMO_USERS.clientPo, 'Confirm the delivery options', d(-17), t(-20, 10));
  const acme11 = ask(DEMO_USERS.clientMarketing, 'Which searches should be saved?', d(10), t(-9, 10));
  seedStoredAsk(host, `${FIXTURE_PROJECT}-8`, acme8, [asked(acme8)]);
  seedStoredAsk(host, `${FIXTURE_PROJECT}-11`, acme11, [asked(acme11)]);
}

/** A test host on the fixture site, asks in place. */
export async function startFixtureHost(): Promise<TestHost> {
  const { startTestHost } = await import('../../local/host/testing');
  const host = await startTestHost({ site: buildFixtureSite() });
  addFixtureAsks(host);
  for (const record of FIXTURE_RECORDS) {
    const answer = (host.kvs as unknown as { handle(path: string, body: unknown): { status: number } }).handle('/api/v1/entity/set', { entityName: record.entityName, key: record.key, value: record.value });
    if (answer.status !== 204) throw new Error(`The local KVS refused the fixture's ${record.entityName} record (${answer.status})`);
  }
  return host;
}

/** Jira requests the sandbox has served so far. */
export async function requestCount(host: TestHost): Promise<number> {
  const answer = await fetch(`${host.sandbox.url}/__sandbox/requests`);
  return ((await answer.json()) as { count: number }).count;
}
