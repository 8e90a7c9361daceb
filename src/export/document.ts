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
import { REPORT_SECTIONS, REPORT_SECTION_TITLES, type OverallStatus, type ReportModel, type ReportSection } from '../domain/report/model';
import type { ChartKind } from './charts/chartSvg';
import { hasChart } from './charts/chartSvg';
import { AUDIENCE_TITLES, cappedNote, change, committedDone, day, instant, money, num, ofTotal, overrideAuthor, periodTitle, plural, range, statusLabel } from './format';
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
  | { type: 'table'; table: DocTable; note?: string }
  | { type: 'chart'; chart: ChartKind; title: string }
  | { type: 'note'; text: string };

export interface DocSection {
  id: ReportSection;
  title: string;
  blocks: Block[];
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
  /** What this audience's report leaves out, and why. */
  omitted: string[];
}

const CHART_TITLES: Record<ChartKind, string> = {
  sprints: 'Story points per sprint: committed, done of committed, done including added work',
  burnUp: 'Burn-up: scope and done story points',
  epics: 'Epic completion',
  hoursByEpic: 'Hours per epic, this period and the previous one',
  hoursByPerson: 'Hours per person, this period and the previous one',
};

/** The sections a document holds: all of them, or one. */
export function reportDocument(model: ReportModel, only?: ReportSection): ReportDocument {
  const ids = only ? [only] : [...REPORT_SECTIONS];
  return {
    title: `${model.projectName} — ${AUDIENCE_TITLES[model.audience]}`,
    subtitle: `${periodTitle(model.period)} · ${model.projectKey}`,
    generated: `Generated ${instant(model.generatedAt, model.timeZone)} by Liaison from Jira`,
    status: model.status.effective,
    sections: ids.map((id) => ({ id, title: REPORT_SECTION_TITLES[id], blocks: sectionBlocks(model, id) })),
    omitted: model.omitted,
  };
}

export function sectionBlocks(model: ReportModel, id: ReportSection): Block[] {
  const blocks: Block[] = [];
  BUILDERS[id](model, blocks);
  // The PM's words lead the section, except that the status itself comes before its explanation.
  const narrative = model.narrative[id]?.trim();
  if (narrative) blocks.splice(id === 'status' ? 1 : 0, 0, { type: 'narrative', text: narrative });
  return blocks;
}

function table(model: ReportModel, name: ReportTable, blocks: Block[], empty: string): void {
  const t = docTable(model, name);
  if (!t) return;
  if (t.rows.length === 0) {
    blocks.push({ type: 'note', text: `${t.title}: ${empty}` });
    return;
  }
  blocks.push({ type: 'table', table: t, note: t.list ? cappedNote(t.list) : undefined });
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
      computed: status.override ? `The rules say ${statusLabel(status.computed).toLowerCase()}; ${overrideAuthor(model)} set ${statusLabel(status.override.status).toLowerCase()} on ${day(status.override.at)}.` : undefined,
      overrideReason: status.override?.reason,
      reasons: status.reasons,
    });
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
        { label: 'Expected story points', value: range(forecast.velocityPoints, 'points'), detail: `from the ${forecast.basis}` },
        { label: 'Expected issues', value: range(forecast.velocityIssues, 'issues') },
        { label: 'Planned next', value: plural(forecast.plannedNext.total, 'issue') },
      ],
    });
    table(model, 'forecast-planned', blocks, 'nothing is planned yet.');
    table(model, 'forecast-due', blocks, 'no due dates coming up.');
  },
};
