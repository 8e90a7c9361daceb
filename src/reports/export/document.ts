/**
 * The report as a document: its title lines and, per section, an ordered list of blocks (the PM's
 * narrative, headline figures, lists, tables, charts, notes). Every export format (PDF, HTML,
 * Markdown, Confluence) renders these same blocks, so they all say the same thing in the same
 * order; a format only decides how a block looks.
 *
 * What is shown is what the model holds: the server builds each audience's model (the client's
 * without internal data). As a second line of defence, a client-audience document never shows
 * hours or internal effort even if a model carried them.
 */
import { costLines, decisionLines, deviationLines, milestoneLines } from './planLines';
import { REPORT_SECTIONS, REPORT_SECTION_TITLES, type BoundedList, type OverallStatus, type ReportModel, type ReportSection } from '../domain/model';
import type { ChartKind } from './charts/chartSvg';
import { hasChart } from './charts/chartSvg';
import { AUDIENCE_TITLES, capitalise, change, datesInText, committedDone, day, instant, money, num, ofTotal, overrideAuthor, periodTitle, plural, range, statusLabel, flagCategoryLabel, outcomeLabel } from './format';
import { docTable, type DocTable } from './tables';
import type { ReportTable } from './tableNames';

export interface Figure {
  label: string;
  value: string;
  detail?: string;
}

export type Block =
  | { type: 'status'; status: OverallStatus; label: string; computed?: string; overrideReason?: string; reasons: string[] }
  | { type: 'narrative'; text: string }
  | { type: 'figures'; figures: Figure[] }
  | { type: 'list'; title: string; items: string[] }
  | { type: 'table'; table: DocTable; note?: string; more?: More }
  | { type: 'chart'; chart: ChartKind; title: string }
  | { type: 'note'; text: string };

/** A capped list: how many are shown, how many there are, and the Jira search that finds them all (internal audiences). */
export interface More {
  shown: number;
  total: number;
  jql?: string;
}

/**
 * Sections a document can hold: the model's nine (the manager's detail), and the audience views
 * built from them (issue 17). Slots other helpers fill: `milestones` (the plan's epic target dates),
 * `workstreams` (RAG per epic once a plan exists).
 */
export type DocSectionId =
  | ReportSection
  | 'needFromYou'
  | 'workstreams'
  | 'schedule'
  | 'milestones'
  | 'decisions'
  | 'risks'
  | 'next'
  | 'pendingChanges'
  | 'decided'
  | 'byPerson'
  | 'blockers'
  | 'review'
  | 'dueByPerson';

export interface DocSection {
  id: DocSectionId;
  title: string;
  blocks: Block[];
}

/** What the formats need to link issues and lists to Jira. */
export interface DocLinks {
  siteUrl?: string;
  projectKey: string;
  /** Every issue key the model names (a token like "UTF-8" is not an issue). */
  keys: ReadonlySet<string>;
}

export interface ReportDocument {
  /** "Nova Banking Portal — Management report" */
  title: string;
  /** "October 2026 · NOVA" */
  subtitle: string;
  /** "Generated 2 Nov 2026, 09:30 (Europe/Oslo) by Liaison from Jira" */
  generated: string;
  status: OverallStatus;
  sections: DocSection[];
  /** What this audience's report leaves out, and why (internal audiences only: a client reads what is there, not what is not). */
  omitted: string[];
  links: DocLinks;
}

const CHART_TITLES: Record<ChartKind, string> = {
  sprints: 'Story points per sprint: committed, done of committed, done including added work',
  burnUp: 'Burn-up: scope and done story points',
  epics: 'Epic completion',
  hoursByEpic: 'Hours per epic, this period and the previous one',
  hoursByPerson: 'Hours per person, this period and the previous one',
};

const ISSUE_KEY = /\b[A-Z][A-Z0-9_]+-\d+\b/g;

/** The issue keys a model names (in any list, table or sentence it holds). */
function modelKeys(model: ReportModel): Set<string> {
  const keys = new Set<string>();
  const json = JSON.stringify(model, (name, value) => (name === 'narrative' || name === 'jql' ? undefined : value));
  for (const match of json.matchAll(/"(?:key|issueKey|epicKey)":"([A-Z][A-Z0-9_]+-\d+)"/g)) keys.add(match[1]);
  for (const match of json.matchAll(/"issues":\[((?:"[A-Z][A-Z0-9_]+-\d+",?)+)\]/g)) for (const key of match[1].match(ISSUE_KEY) ?? []) keys.add(key);
  return keys;
}

/** Text cut into plain runs and issue keys the model names, for the formats to link. */
export function issueRuns(text: string, links: DocLinks): (string | { key: string })[] {
  const out: (string | { key: string })[] = [];
  let at = 0;
  for (const match of text.matchAll(ISSUE_KEY)) {
    const key = match[0];
    if (!links.keys.has(key) && !key.startsWith(`${links.projectKey}-`)) continue;
    if (match.index > at) out.push(text.slice(at, match.index));
    out.push({ key });
    at = match.index + key.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** https://site/browse/KEY, or undefined when the site is not known. */
export function issueUrl(links: DocLinks, key: string): string | undefined {
  return links.siteUrl ? `${links.siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}` : undefined;
}

/** https://site/issues/?jql=…, the Jira search that lists every item of a capped list. */
export function searchUrl(links: DocLinks, jql: string): string | undefined {
  return links.siteUrl ? `${links.siteUrl.replace(/\/+$/, '')}/issues/?jql=${encodeURIComponent(jql)}` : undefined;
}

/** The audience's document (issue 17): each audience reads its own sections, the status and narrative are the same. */
const AUDIENCE_SECTIONS: Record<ReportModel['audience'], DocSectionId[]> = {
  // One page: RAG and why, the numbers, workstreams, schedule, milestones, decisions, risks, next.
  executive: ['status', 'workstreams', 'schedule', 'milestones', 'decisions', 'risks', 'next'],
  manager: [...REPORT_SECTIONS],
  // What the client must do first; then progress in plain words; nothing about what is left out.
  client: ['needFromYou', 'status', 'progress', 'pendingChanges', 'decided', 'next'],
  team: ['status', 'byPerson', 'blockers', 'review', 'dueByPerson', 'progress'],
};

const VIEW_TITLES: Record<Exclude<DocSectionId, ReportSection>, string> = {
  needFromYou: 'What we need from you',
  workstreams: 'Workstreams',
  schedule: 'Schedule',
  milestones: 'Milestones',
  decisions: 'Decisions needed',
  risks: 'Top risks',
  next: 'Next period',
  pendingChanges: 'Change requests waiting for a decision',
  decided: 'Decisions taken',
  byPerson: 'Work by person',
  blockers: 'Blockers',
  review: 'Review queue',
  dueByPerson: 'Upcoming due dates by person',
};

function sectionTitle(model: ReportModel, id: DocSectionId): string {
  if (model.audience === 'client' && id === 'next') return "What's next";
  if (model.audience === 'client' && id === 'status') return 'Status';
  return (REPORT_SECTION_TITLES as Record<string, string>)[id] ?? VIEW_TITLES[id as keyof typeof VIEW_TITLES];
}

/** The sections a document holds: the audience's own, or one of the model's sections. */
export function reportDocument(model: ReportModel, only?: ReportSection): ReportDocument {
  const ids: DocSectionId[] = only ? [only] : AUDIENCE_SECTIONS[model.audience];
  return {
    title: `${model.projectName} — ${AUDIENCE_TITLES[model.audience]}`,
    subtitle: `${periodTitle(model.period)} · ${model.projectKey}`,
    generated: `Generated ${instant(model.generatedAt, model.timeZone)} by Liaison from Jira`,
    status: model.status.effective,
    sections: ids.map((id) => ({ id, title: sectionTitle(model, id), blocks: sectionBlocks(model, id) })).filter((s) => s.blocks.length > 0),
    omitted: model.audience === 'client' ? [] : model.omitted,
    links: { siteUrl: model.siteUrl, projectKey: model.projectKey, keys: modelKeys(model) },
  };
}

export function sectionBlocks(model: ReportModel, id: DocSectionId): Block[] {
  const blocks: Block[] = [];
  const view = model.audience === 'client' ? CLIENT_VIEWS[id] : model.audience === 'executive' ? EXECUTIVE_VIEWS[id] : undefined;
  const build = view ?? (VIEWS as Record<string, ((m: ReportModel, b: Block[]) => void) | undefined>)[id] ?? (BUILDERS as Record<string, (m: ReportModel, b: Block[]) => void>)[id];
  build(model, blocks);
  // The PM's words lead the section, except that the status itself comes before its explanation.
  const narrative = (model.narrative as Record<string, string | undefined>)[id]?.trim();
  if (narrative) blocks.splice(id === 'status' ? 1 : 0, 0, { type: 'narrative', text: narrative });
  return blocks;
}

/** How many of a capped list are shown, and (internal audiences) the Jira search for the rest. */
function moreOf(model: ReportModel, list: BoundedList<unknown> | undefined): More | undefined {
  if (!list || list.items.length >= list.total) return undefined;
  return { shown: list.items.length, total: list.total, ...(list.jql && model.audience !== 'client' ? { jql: list.jql } : {}) };
}

/** "Showing 5 of 12." — the formats add the link to the rest. */
export function moreText(more: More): string {
  return `Showing ${num(more.shown)} of ${num(more.total)}.`;
}

function table(model: ReportModel, name: ReportTable, blocks: Block[], empty: string, columns?: string[]): void {
  const t = docTable(model, name);
  if (!t) return;
  if (t.rows.length === 0) {
    blocks.push({ type: 'note', text: `${t.title}: ${empty}` });
    return;
  }
  const more = moreOf(model, t.list);
  blocks.push({ type: 'table', table: columns ? pick(t, columns) : t, ...(more ? { more } : {}) });
}

/** The table with only the named columns (a client's tables leave out points). */
function pick(t: DocTable, headers: string[]): DocTable {
  const index = headers.map((h) => t.columns.findIndex((c) => c.header === h)).filter((i) => i >= 0);
  return { ...t, columns: index.map((i) => t.columns[i]), rows: t.rows.map((row) => index.map((i) => row[i])) };
}

/** A table of rows the document builds itself (the audience views). */
function ownTable(blocks: Block[], name: DocTable['name'], title: string, columns: [string, 'left' | 'right', number][], rows: string[][], more?: More): void {
  blocks.push({ type: 'table', table: { name, title, columns: columns.map(([header, align, weight]) => ({ header, align, weight })), rows }, ...(more ? { more } : {}) });
}

function chart(model: ReportModel, kind: ChartKind, blocks: Block[]): void {
  if (hasChart(model, kind)) blocks.push({ type: 'chart', chart: kind, title: CHART_TITLES[kind] });
}

const BUILDERS: Record<ReportSection, (model: ReportModel, blocks: Block[]) => void> = {
  status(model, blocks) {
    const { status, headline } = model;
    blocks.push({
      type: 'status',
      status: status.effective,
      label: statusLabel(status.effective),
      // How the status was reached is the team's business: a client reads the status and the PM's words.
      computed: status.override && model.audience !== 'client' ? `The rules say ${statusLabel(status.computed).toLowerCase()}; ${overrideAuthor(model)} set ${statusLabel(status.override.status).toLowerCase()} on ${day(status.override.at)}.` : undefined,
      overrideReason: model.audience === 'client' ? undefined : status.override?.reason,
      reasons: model.audience === 'client' ? [] : status.reasons,
    });
    if (model.audience === 'client') return;
    // "Committed done" counts only the work committed at the sprints' start; work finished in the
    // period (planned or not) is its own figure, so neither is read as the other.
    const done = committedDone(headline);
    const committedFigures: Figure[] = done
      ? [
          { label: 'Committed issues done', value: ofTotal(done.issues, headline.committedIssues), detail: 'committed at sprint start, done by the period end' },
          { label: 'Committed points done', value: ofTotal(done.points, headline.committedPoints), detail: 'committed at sprint start, done by the period end' },
        ]
      : [{ label: 'Committed at sprint start', value: `${plural(headline.committedIssues, 'issue')}, ${plural(headline.committedPoints, 'point')}` }];
    blocks.push({
      type: 'figures',
      figures: [
        ...committedFigures,
        { label: 'Finished in the period (planned or not)', value: `${plural(headline.completedIssues, 'issue')}, ${plural(headline.completedPoints, 'point')}` },
        { label: 'Open red flags', value: num(headline.openFlags) },
        { label: 'Overdue client asks', value: num(headline.overdueAsks) },
        { label: 'Change requests pending', value: num(headline.pendingChanges) },
      ],
    });
    const decisions = decisionLines(model);
    if (decisions.length > 0) blocks.push({ type: 'list', title: 'Decisions needed', items: decisions });
    const milestones = milestoneLines(model);
    if (milestones.length > 0) blocks.push({ type: 'list', title: 'Milestones', items: milestones });
    const costs = costLines(model);
    if (costs.length > 0) blocks.push({ type: 'list', title: 'Budget and cost', items: costs });
  },
  progress(model, blocks) {
    chart(model, 'sprints', blocks);
    table(model, 'progress-sprints', blocks, 'no sprint ran in this period.');
    chart(model, 'burnUp', blocks);
    chart(model, 'epics', blocks);
    table(model, 'epics', blocks, 'no epics in scope.');
  },
  deviation(model, blocks) {
    const { notDone, missedDueDates, scopeAdded, previousForecast } = model.deviation;
    const againstPlan = deviationLines(model);
    if (againstPlan.length > 0) blocks.push({ type: 'list', title: 'Against the plan baseline', items: againstPlan });
    const figures: Figure[] = [
      { label: 'Planned, not done', value: plural(notDone.total, 'issue') },
      { label: 'Due dates missed', value: plural(missedDueDates.total, 'issue') },
      { label: 'Scope added after planning', value: plural(scopeAdded.total, 'issue'), detail: plural(scopeAdded.points, 'point') },
    ];
    if (previousForecast) {
      figures.push({
        label: 'Last forecast vs done',
        value: `${num(previousForecast.actualPoints)} points done`,
        detail: `forecast ${range(previousForecast.expectedPoints, 'points')}: ${previousForecast.within ? 'within the range' : 'outside the range'}`,
      });
    }
    blocks.push({ type: 'figures', figures });
    table(model, 'not-done', blocks, 'everything planned was done.');
    table(model, 'missed-due', blocks, 'no due date was missed.');
    table(model, 'scope-added', blocks, 'no scope was added after planning.');
  },
  completed(model, blocks) {
    const { completed } = model;
    blocks.push({
      type: 'figures',
      figures: [
        { label: 'Issues completed', value: num(completed.total) },
        { label: 'Story points completed', value: num(completed.points) },
        { label: 'Epics worked on', value: num(completed.byEpic.filter((g) => g.epicKey !== null).length) },
      ],
    });
    const perEpic = completed.byEpic.map((g) => `${g.epicKey ? `${g.epicKey} ${g.epicSummary}` : g.epicSummary}: ${plural(g.issues.total, 'issue')}, ${plural(g.points, 'point')}`);
    if (perEpic.length > 0) blocks.push({ type: 'list', title: 'By epic', items: perEpic });
    table(model, 'completed', blocks, 'nothing was completed in this period.');
    const capped = completed.byEpic.filter((g) => g.issues.items.length < g.issues.total);
    if (capped.length > 0) {
      blocks.push({
        type: 'note',
        text: `The table lists the first issues of each epic (${capped.map((g) => `${g.epicKey ?? g.epicSummary}: ${g.issues.items.length} of ${g.issues.total}`).join(', ')}); each epic's full list is in Jira.`,
      });
    }
  },
  manpower(model, blocks) {
    const manpower = model.audience === 'client' ? undefined : model.manpower;
    if (!manpower) {
      blocks.push({ type: 'note', text: model.omitted.find((o) => /manpower|hours/i.test(o)) ?? 'Manpower input is not part of this report.' });
      return;
    }
    blocks.push({
      type: 'figures',
      figures: [
        { label: 'Hours logged', value: num(manpower.totalHours) },
        { label: 'Previous period', value: num(manpower.previousTotalHours) },
        { label: 'Change', value: change(manpower.totalHours, manpower.previousTotalHours) },
      ],
    });
    chart(model, 'hoursByEpic', blocks);
    table(model, 'manpower-epic', blocks, 'no hours were logged.');
    if (manpower.byPerson) table(model, 'manpower-person', blocks, 'no hours were logged.');
  },
  problems(model, blocks) {
    table(model, 'flags', blocks, 'none open.');
    table(model, 'client-delays', blocks, 'no work waited on the client.');
  },
  clientActions(model, blocks) {
    const asks = model.clientActions.asks;
    const overdue = asks.items.filter((a) => a.overdueBusinessDays > 0).length;
    blocks.push({ type: 'figures', figures: [{ label: 'Open asks', value: num(asks.total) }, { label: 'Overdue', value: num(model.headline.overdueAsks || overdue) }] });
    table(model, 'asks', blocks, 'nothing is waiting on the client.');
  },
  changes(model, blocks) {
    const { changes } = model;
    const figures: Figure[] = [
      { label: 'New in the period', value: num(changes.new) },
      { label: 'Decided', value: num(changes.decided.total) },
      { label: 'Schedule days added', value: num(changes.totals.scheduleDaysAdded) },
    ];
    if (changes.totals.paidValue.length > 0) figures.push({ label: 'Paid changes value', value: changes.totals.paidValue.map(money).join(' + ') });
    if (changes.totals.unpaidEffortDays !== undefined && model.audience !== 'client') figures.push({ label: 'Unpaid effort (internal)', value: plural(changes.totals.unpaidEffortDays, 'day') });
    blocks.push({ type: 'figures', figures });
    table(model, 'changes', blocks, 'no change request was decided in this period.');
  },
  forecast(model, blocks) {
    const { forecast } = model;
    blocks.push({
      type: 'figures',
      figures: [
        { label: 'Expected story points', value: range(forecast.velocityPoints, 'points'), detail: `from the ${datesInText(forecast.basis)}` },
        { label: 'Expected issues', value: range(forecast.velocityIssues, 'issues') },
        { label: 'Planned next', value: plural(forecast.plannedNext.total, 'issue') },
      ],
    });
    table(model, 'forecast-planned', blocks, 'nothing is planned yet.');
    table(model, 'forecast-due', blocks, 'no due dates coming up.');
  },
};

// ---- audience views (issue 17) ----

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];
/** The most finished items a client document lists (the total is always exact). */
const FINISHED_ROWS = 20;

/** Views any internal audience shares (team, and manager for one section). */
const VIEWS: Partial<Record<DocSectionId, (model: ReportModel, blocks: Block[]) => void>> = {
  byPerson(model, blocks) {
    const team = model.team;
    if (!team) {
      blocks.push({ type: 'note', text: 'Who holds which issue was not read for this report; generate it again to see the work per person.' });
      return;
    }
    if (team.byPerson.length === 0) {
      blocks.push({ type: 'note', text: 'No open or finished work in the period.' });
      return;
    }
    ownTable(
      blocks,
      'work-by-person',
      'Open work per person',
      [['Person', 'left', 1.6], ['Done in the period', 'right', 1], ['Open', 'right', 0.8], ['Open issues', 'left', 5]],
      team.byPerson.map((p) => [
        p.name,
        num(p.doneInPeriod),
        num(p.open.total),
        p.open.items.map((i) => `${i.key} ${i.summary} (${i.status}${i.due ? `, due ${day(i.due)}` : ''})`).join('; ') + (p.open.total > p.open.items.length ? `; +${p.open.total - p.open.items.length} more` : '') || '—',
      ]),
    );
  },
  blockers(model, blocks) {
    const flags = model.problems.flags;
    const blocking = flags.items.filter((f) => /block/i.test(f.category) || f.severity === 'critical' || f.severity === 'high');
    if (blocking.length === 0) blocks.push({ type: 'note', text: 'Nothing is blocked and no high or critical red flag is open.' });
    else
      ownTable(blocks, 'blockers', 'Blocked or at high risk', [['Issue', 'left', 1.1], ['Summary', 'left', 3], ['Why', 'left', 1.8], ['Severity', 'left', 0.9]],
        blocking.map((f) => [f.issueKey, f.summary, flagWords(f.category), capitalise(f.severity)]), moreOf(model, flags));
    table(model, 'client-delays', blocks, 'no work waited on the client.');
  },
  review(model, blocks) {
    const review = model.team?.review;
    if (!review) return;
    if (review.total === 0) {
      blocks.push({ type: 'note', text: 'Nothing is waiting for review.' });
      return;
    }
    ownTable(blocks, 'review-queue', 'Waiting for review', [['Issue', 'left', 1.1], ['Summary', 'left', 3.4], ['Status', 'left', 1.3], ['Assignee', 'left', 1.5]],
      review.items.map((r) => [r.key, r.summary, r.status, r.assignee]), moreOf(model, review));
  },
  dueByPerson(model, blocks) {
    const people = (model.team?.byPerson ?? []).filter((p) => p.due.length > 0);
    if (!model.team) {
      table(model, 'forecast-due', blocks, 'no due dates coming up.');
      return;
    }
    if (people.length === 0) {
      blocks.push({ type: 'note', text: 'No open issue is due before the next period ends.' });
      return;
    }
    ownTable(blocks, 'due-by-person', 'Due before the next period ends (overdue first)', [['Person', 'left', 1.6], ['Due', 'left', 1.2], ['Issue', 'left', 1.1], ['Summary', 'left', 4]],
      people.flatMap((p) => p.due.map((d) => [p.name, day(d.due), d.key, d.summary])));
  },
};

/** The executive's one page: every list short (the model caps them), nothing the page cannot hold. */
/** Lines an executive list shows at most, so the document stays one page. */
const EXECUTIVE_LINES = 5;

const EXECUTIVE_VIEWS: Partial<Record<DocSectionId, (model: ReportModel, blocks: Block[]) => void>> = {
  status(model, blocks) {
    const { status, headline } = model;
    blocks.push({
      type: 'status',
      status: status.effective,
      label: statusLabel(status.effective),
      computed: status.override ? `The rules say ${statusLabel(status.computed).toLowerCase()}; ${overrideAuthor(model)} set ${statusLabel(status.override.status).toLowerCase()} on ${day(status.override.at)}.` : undefined,
      overrideReason: status.override?.reason,
      reasons: status.reasons.slice(0, 3),
    });
    const done = committedDone(headline);
    blocks.push({
      type: 'figures',
      figures: [
        ...(done ? [{ label: 'Committed work done', value: ofTotal(done.issues, headline.committedIssues), detail: `${ofTotal(done.points, headline.committedPoints)} points` }] : []),
        { label: 'Finished in the period', value: plural(model.completed.total, 'issue'), detail: plural(model.completed.points, 'point') },
        { label: 'Open red flags', value: num(headline.openFlags) },
        { label: 'Overdue client asks', value: num(headline.overdueAsks) },
        { label: 'Change requests pending', value: num(headline.pendingChanges) },
      ],
    });
  },
  workstreams(model, blocks) {
    const epics = model.progress.epics;
    if (epics.length === 0) return;
    const total = model.progress.epicsTotal ?? epics.length;
    ownTable(blocks, 'workstreams', 'Epics', [['Epic', 'left', 3.4], ['Issues done', 'right', 1.2], ['Points done', 'right', 1.2]],
      epics.map((e) => [`${e.key} ${e.summary}`, ofTotal(e.doneIssues, e.totalIssues), ofTotal(e.donePoints, e.totalPoints)]),
      total > epics.length ? { shown: epics.length, total } : undefined);
  },
  schedule(model, blocks) {
    const { notDone, missedDueDates, scopeAdded, previousForecast } = model.deviation;
    const figures: Figure[] = [
      { label: 'Planned, not done', value: plural(notDone.total, 'issue') },
      { label: 'Due dates missed', value: plural(missedDueDates.total, 'issue'), ...(missedDueDates.items[0] ? { detail: `up to ${plural(missedDueDates.items[0].businessDaysLate, 'business day')} late` } : {}) },
      { label: 'Scope added after planning', value: plural(scopeAdded.total, 'issue'), detail: plural(scopeAdded.points, 'point') },
    ];
    if (previousForecast) figures.push({ label: 'Last forecast', value: previousForecast.within ? 'met' : 'missed', detail: `${num(previousForecast.actualPoints)} points done, forecast ${range(previousForecast.expectedPoints, 'points')}` });
    blocks.push({ type: 'figures', figures });
    // Against the PM's plan baseline and the budget (issue 17): a few lines, the detail is the manager's.
    const againstPlan = deviationLines(model).slice(0, EXECUTIVE_LINES);
    if (againstPlan.length > 0) blocks.push({ type: 'list', title: 'Against the plan baseline', items: againstPlan });
    const costs = costLines(model);
    if (costs.length > 0) blocks.push({ type: 'list', title: 'Budget and cost', items: costs });
  },
  milestones(model, blocks) {
    // The plan's milestones (epics with a target date) when the model has them, else the dates coming up.
    const milestones = milestoneLines(model);
    if (milestones.length > 0) {
      blocks.push({ type: 'list', title: 'Milestones', items: milestones.slice(0, EXECUTIVE_LINES) });
      return;
    }
    const due = model.forecast.upcomingDue;
    if (due.total === 0) return;
    ownTable(blocks, 'milestones', 'Due dates coming up', [['Due', 'left', 1.2], ['Issue', 'left', 4]], due.items.map((i) => [day(i.due), `${i.key} ${i.summary}`]), moreOf(model, due));
  },
  decisions(model, blocks) {
    // The PM's decisions (owner, deadline) first, then the automatic items.
    const decisions = decisionLines(model);
    blocks.push(decisions.length > 0 ? { type: 'list', title: 'Decisions needed', items: decisions } : { type: 'note', text: 'No decision is needed this period.' });
  },
  risks(model, blocks) {
    const flags = [...model.problems.flags.items].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    if (flags.length === 0) {
      blocks.push({ type: 'note', text: 'No red flag is open.' });
      return;
    }
    blocks.push({ type: 'list', title: `Open red flags (${num(model.problems.flags.total)})`, items: flags.map((f) => `${capitalise(f.severity)}: ${f.issueKey} ${f.summary} — ${flagWords(f.category)}`) });
    const more = moreOf(model, model.problems.flags);
    if (more) blocks.push({ type: 'note', text: `${moreText(more)} The rest are in the management report.` });
  },
  next(model, blocks) {
    const f = model.forecast;
    blocks.push({ type: 'note', text: `Expected ${range(f.velocityPoints, 'story points')} and ${range(f.velocityIssues, 'issues')}; ${plural(f.plannedNext.total, 'issue')} planned.` });
  },
};

/** The client's document: plain words, their actions first, no internal numbers or vocabulary. */
const CLIENT_VIEWS: Partial<Record<DocSectionId, (model: ReportModel, blocks: Block[]) => void>> = {
  needFromYou(model, blocks) {
    const asks = model.clientActions.asks;
    if (asks.total === 0) {
      blocks.push({ type: 'note', text: 'Nothing is waiting on you right now. Thank you!' });
      return;
    }
    const overdue = model.headline.overdueAsks;
    blocks.push({ type: 'note', text: `${plural(asks.total, 'question')} or request${asks.total === 1 ? ' is' : 's are'} waiting for your answer${overdue > 0 ? `; ${num(overdue)} past ${overdue === 1 ? 'its' : 'their'} due date` : ''}.` });
    ownTable(blocks, 'asks', 'Waiting for your answer', [['Item', 'left', 1.1], ['What we need', 'left', 3.6], ['Who', 'left', 1.6], ['Due', 'left', 1.3], ['Late', 'right', 1.2]],
      asks.items.map((a) => [a.issueKey, a.ask, a.client, day(a.due), a.overdueBusinessDays > 0 ? plural(a.overdueBusinessDays, 'working day') : '—']), moreOf(model, asks));
  },
  progress(model, blocks) {
    const h = model.headline;
    const done = committedDone(h);
    const lines = [`We finished ${plural(model.completed.total, 'item')} ${periodWords(model)}.`];
    if (done && h.committedIssues > 0) lines.push(`Of the ${plural(h.committedIssues, 'item')} we planned for this time, ${num(done.issues)} ${done.issues === 1 ? 'is' : 'are'} done (${Math.round((done.issues / h.committedIssues) * 100)}%).`);
    if (model.deviation.missedDueDates.total > 0) lines.push(`${plural(model.deviation.missedDueDates.total, 'item')} missed ${model.deviation.missedDueDates.total === 1 ? 'its' : 'their'} due date.`);
    blocks.push({ type: 'note', text: lines.join(' ') });
    if (model.progress.epics.length > 0) {
      ownTable(blocks, 'feature-areas', 'Progress by feature', [['Feature', 'left', 3.6], ['Items done', 'right', 1.4]],
        model.progress.epics.map((e) => [`${e.key} ${e.summary}`, ofTotal(e.doneIssues, e.totalIssues)]));
    }
    // At most FINISHED_ROWS rows: a year of work is a count and a feature table, not thousands of rows.
    const finished = model.completed.byEpic.flatMap((g) => g.issues.items.map((i) => [i.key, i.summary, g.epicKey ? `${g.epicKey} ${g.epicSummary}` : '—'])).slice(0, FINISHED_ROWS);
    if (finished.length > 0) {
      const shown = finished.length;
      ownTable(blocks, 'completed', 'Finished', [['Item', 'left', 1.1], ['What', 'left', 3.6], ['Feature', 'left', 2.4]], finished, shown < model.completed.total ? { shown, total: model.completed.total } : undefined);
    }
    // Money only when the project shows costs to clients (clientSafe leaves hours and people out).
    const costs = costLines(model);
    if (costs.length > 0) blocks.push({ type: 'list', title: 'Budget', items: costs });
    const flags = model.problems.flags.items;
    if (flags.length > 0) {
      ownTable(blocks, 'flags', 'Things we are watching', [['Item', 'left', 1.1], ['What', 'left', 3], ['Why', 'left', 1.8], ['Note', 'left', 3]],
        flags.map((f) => [f.issueKey, f.summary, flagWords(f.category), f.note ?? '—']), moreOf(model, model.problems.flags));
    }
  },
  pendingChanges(model, blocks) {
    const pending = model.changes.pending;
    if (!pending) {
      if (model.headline.pendingChanges > 0) blocks.push({ type: 'note', text: `${plural(model.headline.pendingChanges, 'change request')} ${model.headline.pendingChanges === 1 ? 'is' : 'are'} waiting for a decision.` });
      return;
    }
    if (pending.total === 0) {
      blocks.push({ type: 'note', text: 'No change request is waiting for a decision.' });
      return;
    }
    ownTable(blocks, 'pending-changes', 'Waiting for a decision', [['Request', 'left', 1.1], ['What', 'left', 3.4], ['Where it stands', 'left', 1.6], ['Asked on', 'left', 1.3], ['Answer expected', 'left', 1.4]],
      pending.items.map((c) => [c.issueKey, c.summary, c.step, day(c.requestedAt), c.answerBy ? day(c.answerBy) : 'not set yet']), moreOf(model, pending));
  },
  decided(model, blocks) {
    const decided = model.changes.decided;
    if (decided.total === 0) {
      blocks.push({ type: 'note', text: 'No change request was decided in this period.' });
      return;
    }
    const prices = decided.items.some((c) => c.price);
    ownTable(blocks, 'decided', 'Change requests decided', [['Request', 'left', 1.1], ['What', 'left', 3.2], ['Decision', 'left', 2.2], ...(prices ? [['Price', 'right', 1.1] as [string, 'right', number]] : []), ['Days added', 'right', 1]],
      decided.items.map((c) => [c.issueKey, c.summary, outcomeLabel(c.outcome), ...(prices ? [c.price ? money(c.price) : '—'] : []), c.scheduleDays !== undefined ? num(c.scheduleDays) : '—']), moreOf(model, decided));
  },
  next(model, blocks) {
    const f = model.forecast;
    blocks.push({ type: 'note', text: f.plannedNext.total > 0 ? `Next we work on ${plural(f.plannedNext.total, 'item')}.` : 'The next steps are being planned.' });
    if (f.plannedNext.items.length > 0) ownTable(blocks, 'planned-next', 'Coming up', [['Item', 'left', 1.1], ['What', 'left', 4]], f.plannedNext.items.map((i) => [i.key, i.summary]), moreOf(model, f.plannedNext));
    if (f.upcomingDue.items.length > 0) ownTable(blocks, 'due-next', 'Due dates coming up', [['Item', 'left', 1.1], ['What', 'left', 3.6], ['Due', 'left', 1.3]], f.upcomingDue.items.map((i) => [i.key, i.summary, day(i.due)]), moreOf(model, f.upcomingDue));
  },
};

function periodWords(model: ReportModel): string {
  return model.period.kind === 'week' ? 'this week' : model.period.kind === 'month' ? 'this month' : 'in this period';
}

function flagWords(category: string): string {
  return flagCategoryLabel(category);
}
