/**
 * The body of each report section, drawn from the ReportModel the server built for the audience.
 * A section shows only what the model holds: a client's model has no manpower and no internal
 * flags, so nothing here can show them.
 */
import { token } from '@atlaskit/tokens';
import type { ReportModel, ReportSection } from '../../../src/reports/domain/model';
import { IssueLink } from '../flags/IssueLink';
import { formatDay, plural } from '../asks/format';
import { num } from './api';
import { BurnUpChart, CHART_COLOURS, EpicChart, HoursChart, Measured, SprintChart } from './charts';
import { CappedNote, DataTable, Figures, IssueList, None, StatusLozenge, SubHeading, subtle } from './parts';
import { CostsView, DecisionsView, MilestonesView, MonteCarloView, PlanDeviationView } from './PlanSections';

/** A bar chart no wider than its bars need: one sprint does not make two bars half a page wide. */
const barWidth = (available: number, groups: number) => Math.min(available, 360 + groups * 160);

interface Props {
  model: ReportModel;
  siteUrl: string;
}

const money = (m: { amount: number; currency: string }) => {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
};
const range = (r: { low: number; high: number }, unit: string) => (r.low === r.high ? `${num(r.low)} ${unit}` : `${num(r.low)}–${num(r.high)} ${unit}`);
const change = (now: number, before: number) => {
  const delta = Math.round((now - before) * 10) / 10;
  return delta === 0 ? 'same as the previous period' : `${delta > 0 ? '+' : ''}${num(delta)} on the previous period`;
};

function Status({ model, siteUrl }: Props) {
  const { status, headline } = model;
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <span data-testid="report-status">
          <StatusLozenge status={status.effective} />
        </span>
        {status.override ? (
          <span style={subtle}>
            {/* By name (the model's byName; a client's model names the person in `by`), never an account id. */}
            Set by {status.override.byName ?? (model.audience === 'client' ? status.override.by : 'the project manager')} (computed: <StatusLozenge status={status.computed} bold={false} />)
          </span>
        ) : null}
      </div>
      {status.override ? (
        <p data-testid="status-override-reason" style={{ margin: `${token('space.100', '8px')} 0` }}>
          <strong>Why:</strong> {status.override.reason}
        </p>
      ) : null}
      {status.reasons.length ? (
        <ul aria-label="Why the status was computed so" style={{ margin: `${token('space.100', '8px')} 0`, paddingLeft: token('space.250', '20px') }}>
          {status.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      <Figures
        label="Headline numbers"
        items={[
          // Done of the work committed at the sprints' start (the sprint chart's "Done of committed");
          // work finished in the period, planned or not, is its own figure.
          ...(headline.committedDoneIssues !== undefined && headline.committedDonePoints !== undefined
            ? [
                { value: `${num(headline.committedDoneIssues)} / ${num(headline.committedIssues)}`, label: 'Committed issues done / committed' },
                { value: `${num(headline.committedDonePoints)} / ${num(headline.committedPoints)}`, label: 'Committed story points done / committed' },
              ]
            : [{ value: `${plural(headline.committedIssues, 'issue')} · ${num(headline.committedPoints)} pts`, label: 'Committed at sprint start' }]),
          { value: `${plural(headline.completedIssues, 'issue')} · ${num(headline.completedPoints)} pts`, label: 'Finished in the period, planned or not' },
          { value: String(headline.openFlags), label: 'Open red flags', tone: headline.openFlags > 0 ? 'warning' : undefined },
          { value: String(headline.overdueAsks), label: 'Client asks overdue', tone: headline.overdueAsks > 0 ? 'danger' : undefined },
          { value: String(headline.pendingChanges), label: 'Change requests pending' },
        ]}
      />
      {model.decisionsNeeded.length ? (
        <>
          <SubHeading>Decisions needed</SubHeading>
          <ul data-testid="decisions-needed" style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
            {model.decisionsNeeded.map((decision) => (
              <li key={decision}>{decision}</li>
            ))}
          </ul>
        </>
      ) : null}
      <DecisionsView model={model} siteUrl={siteUrl} />
      <MilestonesView model={model} siteUrl={siteUrl} />
      <CostsView model={model} siteUrl={siteUrl} />
    </>
  );
}

function Progress({ model, siteUrl }: Props) {
  const { sprints, epics, burnUp } = model.progress;
  return (
    <>
      <SubHeading>Sprints</SubHeading>
      {sprints.length === 0 ? (
        <None>No sprint ran in this period.</None>
      ) : (
        <>
          <Measured>{(width) => <SprintChart sprints={sprints} width={barWidth(width, sprints.length)} colours={CHART_COLOURS} />}</Measured>
          <DataTable
            caption="Committed and completed per sprint"
            testId="table-sprints"
            columns={['Sprint', 'State', 'Dates', 'Committed issues done / committed', 'Committed points done / committed', 'Points done incl. added work']}
            numeric={[3, 4, 5]}
            rows={sprints.map((s) => [
              s.name,
              s.state,
              s.startDate && s.endDate ? `${formatDay(s.startDate.slice(0, 10))} – ${formatDay(s.endDate.slice(0, 10))}` : '',
              s.committedDoneIssues === undefined ? `— / ${s.committedIssues}` : `${s.committedDoneIssues} / ${s.committedIssues}`,
              s.committedDonePoints === undefined ? `— / ${num(s.committedPoints)}` : `${num(s.committedDonePoints)} / ${num(s.committedPoints)}`,
              num(s.completedPoints),
            ])}
          />
        </>
      )}
      <SubHeading>Burn-up</SubHeading>
      {burnUp.length === 0 ? <None>No burn-up data for this period.</None> : <Measured>{(width) => <BurnUpChart points={burnUp} width={width} colours={CHART_COLOURS} />}</Measured>}
      <SubHeading>Epics</SubHeading>
      {epics.length === 0 ? (
        <None>No epics have work in this period.</None>
      ) : (
        <>
          <Measured>{(width) => <EpicChart epics={epics} width={width} colours={CHART_COLOURS} />}</Measured>
          <DataTable
            caption="Completion of each epic"
            testId="table-epics"
            columns={['Epic', 'Issues done', 'Points done', 'Points done (share)']}
            numeric={[1, 2, 3]}
            rows={epics.map((e) => [
              <>
                <IssueLink issueKey={e.key} siteUrl={siteUrl} /> {e.summary}
              </>,
              `${e.doneIssues} / ${e.totalIssues}`,
              `${num(e.donePoints)} / ${num(e.totalPoints)}`,
              e.totalPoints > 0 ? `${Math.round((e.donePoints / e.totalPoints) * 100)}%` : '—',
            ])}
          />
        </>
      )}
    </>
  );
}

function Deviation({ model, siteUrl }: Props) {
  const { notDone, missedDueDates, scopeAdded, previousForecast } = model.deviation;
  return (
    <>
      <PlanDeviationView model={model} siteUrl={siteUrl} />
      {previousForecast ? (
        <p data-testid="previous-forecast" style={{ margin: `${token('space.100', '8px')} 0` }}>
          Last period's forecast was {range(previousForecast.expectedPoints, 'points')}; {num(previousForecast.actualPoints)} were done —{' '}
          <strong>{previousForecast.within ? 'within the forecast' : previousForecast.actualPoints < previousForecast.expectedPoints.low ? 'below the forecast' : 'above the forecast'}</strong>.
        </p>
      ) : (
        <None>No earlier report forecast this period.</None>
      )}
      <SubHeading>Planned and not done ({notDone.total})</SubHeading>
      <IssueList list={notDone} siteUrl={siteUrl} empty="None." label="Planned and not done" />
      <SubHeading>Due dates missed ({missedDueDates.total})</SubHeading>
      {missedDueDates.total === 0 ? (
        <None>No due date was missed.</None>
      ) : (
        <>
          <DataTable
            caption="Issues past their due date, by business days late"
            testId="table-missed-due"
            columns={['Issue', 'Due', 'Business days late']}
            numeric={[2]}
            rows={missedDueDates.items.map((i) => [
              <>
                <IssueLink issueKey={i.key} siteUrl={siteUrl} /> {i.summary}
              </>,
              formatDay(i.due),
              String(i.businessDaysLate),
            ])}
          />
          <CappedNote list={missedDueDates} siteUrl={siteUrl} />
        </>
      )}
      <SubHeading>
        Scope added after planning ({scopeAdded.total}, {num(scopeAdded.points)} points)
      </SubHeading>
      <IssueList list={scopeAdded} siteUrl={siteUrl} empty="No scope was added after planning." label="Scope added after planning" />
    </>
  );
}

function Completed({ model, siteUrl }: Props) {
  const { byEpic, total, points } = model.completed;
  if (total === 0) return <None>Nothing was completed in this period.</None>;
  return (
    <>
      <p style={{ margin: `${token('space.100', '8px')} 0` }}>
        {total} issue{total === 1 ? '' : 's'} completed, {num(points)} story points.
      </p>
      {byEpic.map((group) => (
        <div key={group.epicKey ?? 'none'}>
          <SubHeading>
            {group.epicKey ? `${group.epicKey} ${group.epicSummary}` : group.epicSummary} ({group.issues.total}, {num(group.points)} points)
          </SubHeading>
          <IssueList list={group.issues} siteUrl={siteUrl} empty="None." label={`Completed in ${group.epicSummary}`} />
        </div>
      ))}
    </>
  );
}

function Manpower({ model }: Props) {
  const manpower = model.manpower;
  if (!manpower) return <None>Hours are not part of this audience's report.</None>;
  return (
    <>
      <p style={{ margin: `${token('space.100', '8px')} 0` }} data-testid="manpower-total">
        {num(manpower.totalHours)} hours logged ({change(manpower.totalHours, manpower.previousTotalHours)}: {num(manpower.previousTotalHours)}).
      </p>
      {manpower.byPerson ? (
        <>
          <SubHeading>Per person</SubHeading>
          {manpower.byPerson.length ? <Measured>{(width) => <HoursChart rows={manpower.byPerson!} by="person" width={barWidth(width, manpower.byPerson!.length)} colours={CHART_COLOURS} />}</Measured> : null}
          <DataTable
            caption="Hours logged per person"
            testId="table-manpower-person"
            columns={['Person', 'Hours', 'Previous period']}
            numeric={[1, 2]}
            rows={manpower.byPerson.map((p) => [p.name, num(p.hours), num(p.previousHours)])}
          />
        </>
      ) : null}
      <SubHeading>Per epic</SubHeading>
      {manpower.byEpic.length ? <Measured>{(width) => <HoursChart rows={manpower.byEpic} by="epic" width={barWidth(width, manpower.byEpic.length)} colours={CHART_COLOURS} />}</Measured> : null}
      <DataTable
        caption="Hours logged per epic"
        testId="table-manpower-epic"
        columns={['Epic', 'Hours', 'Previous period']}
        numeric={[1, 2]}
        rows={manpower.byEpic.map((e) => [e.epicKey ? `${e.epicKey} ${e.epicSummary}` : e.epicSummary, num(e.hours), num(e.previousHours)])}
      />
    </>
  );
}

function Problems({ model, siteUrl }: Props) {
  const { flags, clientDelays, teamDelay } = model.problems;
  return (
    <>
      <SubHeading>Open red flags ({flags.total})</SubHeading>
      {flags.total === 0 ? (
        <None>No open red flags.</None>
      ) : (
        <>
          <DataTable
            caption="Open red flags, most severe first"
            testId="table-flags"
            // Owner and age only where the model has them (internal reports, issue 17).
            columns={['Issue', 'Category', 'Severity', 'Note', ...(flags.items.some((f) => f.owner !== undefined) ? ['Raised by', 'Open for'] : [])]}
            rows={flags.items.map((f) => [
              <>
                <IssueLink issueKey={f.issueKey} siteUrl={siteUrl} /> {f.summary}
              </>,
              f.category,
              f.severity.charAt(0).toUpperCase() + f.severity.slice(1),
              f.note ?? '',
              ...(flags.items.some((x) => x.owner !== undefined) ? [f.owner ?? '', f.ageDays === undefined ? '' : plural(f.ageDays, 'day')] : []),
            ])}
          />
          <CappedNote list={flags} siteUrl={siteUrl} />
        </>
      )}
      <SubHeading>Delays waiting on the client</SubHeading>
      {clientDelays.length === 0 ? (
        <None>No delay is attributed to pending client asks.</None>
      ) : (
        <DataTable caption="Business days issues waited on each client person" testId="table-client-delays" columns={['Client', 'Business days', 'Issues']} numeric={[1]} rows={clientDelays.map((d) => [d.client, String(d.businessDays), d.issues.join(', ')])} />
      )}
      {teamDelay && teamDelay.businessDays > 0 ? (
        <p data-testid="report-team-delay">
          Waiting on the team: clients waited {teamDelay.businessDays} business {teamDelay.businessDays === 1 ? 'day' : 'days'} for answers to their questions ({teamDelay.issues.join(', ')}).
        </p>
      ) : null}
    </>
  );
}

function ClientActions({ model, siteUrl }: Props) {
  const { asks } = model.clientActions;
  if (asks.total === 0) return <None>Nothing is waiting on the client.</None>;
  return (
    <>
      <DataTable
        caption="Open client asks, by due date"
        testId="table-asks"
        columns={['Issue', 'Who', 'What is asked', 'Due', 'Overdue (business days)']}
        numeric={[4]}
        rows={asks.items.map((a) => [<IssueLink issueKey={a.issueKey} siteUrl={siteUrl} />, a.client, a.ask, formatDay(a.due), a.overdueBusinessDays > 0 ? String(a.overdueBusinessDays) : '—'])}
      />
      <CappedNote list={asks} siteUrl={siteUrl} />
    </>
  );
}

function Changes({ model, siteUrl }: Props) {
  const { decided, totals } = model.changes;
  return (
    <>
      <Figures
        label="Change request totals"
        items={[
          { value: String(model.changes.new), label: 'New in the period' },
          { value: String(decided.total), label: 'Decided in the period' },
          { value: `${num(totals.scheduleDaysAdded)} d`, label: 'Schedule days added' },
          ...totals.paidValue.map((m) => ({ value: money(m), label: `Paid changes (${m.currency})` })),
          ...(totals.unpaidEffortDays !== undefined ? [{ value: `${num(totals.unpaidEffortDays)} d`, label: 'Unpaid effort (internal)' }] : []),
        ]}
      />
      {decided.total === 0 ? (
        <None>No change request was decided in this period.</None>
      ) : (
        <>
          <DataTable
            caption="Change requests decided in the period"
            testId="table-changes"
            columns={['Change request', 'Outcome', 'Price', 'Schedule days']}
            numeric={[3]}
            rows={decided.items.map((c) => [
              <>
                <IssueLink issueKey={c.issueKey} siteUrl={siteUrl} /> {c.summary}
              </>,
              c.outcome,
              c.price ? money(c.price) : '—',
              c.scheduleDays !== undefined ? String(c.scheduleDays) : '—',
            ])}
          />
          <CappedNote list={decided} siteUrl={siteUrl} />
        </>
      )}
    </>
  );
}

function Forecast({ model, siteUrl }: Props) {
  const { velocityPoints, velocityIssues, basis, plannedNext, upcomingDue } = model.forecast;
  return (
    <>
      <p data-testid="forecast-range" style={{ margin: `${token('space.100', '8px')} 0` }}>
        Expected next period: <strong>{range(velocityPoints, 'story points')}</strong> ({range(velocityIssues, 'issues')}), from {basis}.
      </p>
      <MonteCarloView model={model} siteUrl={siteUrl} />
      <SubHeading>Planned next ({plannedNext.total})</SubHeading>
      <IssueList list={plannedNext} siteUrl={siteUrl} empty="Nothing is planned for the next period yet." label="Planned next" />
      <SubHeading>Upcoming due dates ({upcomingDue.total})</SubHeading>
      {upcomingDue.total === 0 ? (
        <None>No due dates in the next period.</None>
      ) : (
        <>
          <DataTable
            caption="Issues due in the next period"
            columns={['Issue', 'Due']}
            rows={upcomingDue.items.map((i) => [
              <>
                <IssueLink issueKey={i.key} siteUrl={siteUrl} /> {i.summary}
              </>,
              formatDay(i.due),
            ])}
          />
          <CappedNote list={upcomingDue} siteUrl={siteUrl} />
        </>
      )}
    </>
  );
}

const BODIES: Record<ReportSection, (props: Props) => JSX.Element> = {
  status: Status,
  progress: Progress,
  deviation: Deviation,
  completed: Completed,
  manpower: Manpower,
  problems: Problems,
  clientActions: ClientActions,
  changes: Changes,
  forecast: Forecast,
};

export function SectionBody({ section, model, siteUrl }: Props & { section: ReportSection }) {
  const Body = BODIES[section];
  return <Body model={model} siteUrl={siteUrl} />;
}
