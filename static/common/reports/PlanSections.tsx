/**
 * Issue 17's parts of a report on screen: the PM's decisions needed (owner, deadline), milestones,
 * money (cost burn against the budget, estimates, capacity), the deviation from the plan baseline
 * and the Monte Carlo forecast with its track record. Each shows only what the model holds: a
 * client's model has no decisions, no baseline deviation and money only when costs are shown.
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { MilestoneState, ReportModel } from '../../../src/reports/domain/model';
import { formatDay, plural } from '../asks/format';
import { IssueLink } from '../flags/IssueLink';
import { num } from './api';
import { CappedNote, DataTable, Figures, IssueList, None, SubHeading, subtle } from './parts';

interface Props {
  model: ReportModel;
  siteUrl: string;
}

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${num(amount)} ${currency}`;
  }
};
const share = (n: number) => `${Math.round(n * 100)} %`;
const range = (r: { low: number; high: number }) => (r.low === r.high ? num(r.low) : `${num(r.low)}–${num(r.high)}`);
const days = (n: number) => plural(n, 'day');

const MILESTONE_LABELS: Record<MilestoneState, { text: string; appearance: 'success' | 'removed' | 'moved' | 'inprogress' | 'default' }> = {
  done: { text: 'Done', appearance: 'success' },
  overdue: { text: 'Overdue', appearance: 'removed' },
  'at-risk': { text: 'At risk', appearance: 'moved' },
  'on-track': { text: 'On track', appearance: 'inprogress' },
  'no-forecast': { text: 'No forecast', appearance: 'default' },
};

/** Decisions the PM is waiting on (with owner and deadline) and those taken in the period. */
export function DecisionsView({ model }: Props) {
  const decisions = model.decisions;
  if (!decisions) return null;
  return (
    <div data-testid="report-decisions">
      <SubHeading>Decisions needed from people</SubHeading>
      {decisions.open.total === 0 ? (
        <None>No decision is waiting.</None>
      ) : (
        <DataTable
          caption="Open decisions, nearest deadline first"
          columns={['Decision', 'Owner', 'Deadline']}
          rows={decisions.open.items.map((d) => [
            <span key="t">
              {d.title}
              {d.detail ? <span style={subtle}> — {d.detail}</span> : null}
            </span>,
            d.owner,
            <span key="d">
              {formatDay(d.deadline)} {d.overdue ? <Lozenge appearance="removed">Overdue</Lozenge> : null}
            </span>,
          ])}
        />
      )}
      {decisions.open.total > decisions.open.items.length ? <p style={subtle}>…and {decisions.open.total - decisions.open.items.length} more.</p> : null}
      {decisions.resolved.total > 0 ? (
        <DataTable
          caption="Decided in this period"
          columns={['Decision', 'Outcome', 'Decided on']}
          rows={decisions.resolved.items.map((d) => [d.title, d.resolution ?? '', d.resolvedOn ? formatDay(d.resolvedOn) : ''])}
        />
      ) : null}
    </div>
  );
}

export function MilestonesView({ model, siteUrl }: Props) {
  const list = model.plan?.milestones;
  if (!list || list.total === 0) return null;
  return (
    <div data-testid="report-milestones">
      <SubHeading>Milestones</SubHeading>
      <DataTable
        caption="Epics with a due date; forecast dates are 50 % and 85 % likely"
        columns={['Milestone', 'Due', 'State', 'Forecast (50 % / 85 %)']}
        rows={list.items.map((m) => [
          <span key="k">
            <IssueLink issueKey={m.key} siteUrl={siteUrl} /> {m.summary}
          </span>,
          <span key="d">
            {formatDay(m.due)}
            {m.baselineDue !== undefined ? <span style={subtle}> (plan: {m.baselineDue === null ? 'not in the plan' : formatDay(m.baselineDue)})</span> : null}
          </span>,
          <span key="s">
            <Lozenge appearance={MILESTONE_LABELS[m.state].appearance}>{MILESTONE_LABELS[m.state].text}</Lozenge>
            {m.daysLate > 0 ? <span style={subtle}> {days(m.daysLate)} late</span> : null}
          </span>,
          m.doneOn ? `Done ${formatDay(m.doneOn)}` : m.forecast50 && m.forecast85 ? `${formatDay(m.forecast50)} / ${formatDay(m.forecast85)}` : m.state === 'overdue' ? '' : 'Not enough history',
        ])}
      />
      <CappedNote list={list} siteUrl={siteUrl} />
    </div>
  );
}

export function CostsView({ model }: Props) {
  const costs = model.costs;
  if (!costs) return null;
  const c = costs.currency;
  const items: { value: string; label: string; tone?: 'danger' | 'warning' }[] = [
    { value: money(costs.period.amount, c), label: costs.period.hours !== undefined ? `Cost this period (${num(costs.period.hours)} h)` : 'Cost this period' },
  ];
  if (costs.toDate) items.push({ value: money(costs.toDate.amount, c), label: `Cost to date${costs.toDate.hours !== undefined ? ` (${num(costs.toDate.hours)} h)` : ''}${costs.toDate.from ? ` since ${formatDay(costs.toDate.from)}` : ''}` });
  const b = costs.budget;
  if (b?.amount !== undefined) {
    items.push({
      value: money(b.amount, c),
      label: b.remainingAmount !== undefined ? `Budget: ${money(b.remainingAmount, c)} left${b.usedAmountShare !== undefined ? `, ${share(b.usedAmountShare)} used` : ''}` : 'Budget',
      tone: b.remainingAmount !== undefined && b.remainingAmount < 0 ? 'danger' : b.usedAmountShare !== undefined && b.usedAmountShare > 0.9 ? 'warning' : undefined,
    });
  }
  if (b?.hours !== undefined) {
    items.push({
      value: `${num(b.hours)} h`,
      label: b.remainingHours !== undefined ? `Budget hours: ${num(b.remainingHours)} h left${b.usedHoursShare !== undefined ? `, ${share(b.usedHoursShare)} used` : ''}` : 'Budget hours',
      tone: b.remainingHours !== undefined && b.remainingHours < 0 ? 'danger' : undefined,
    });
  }
  if (costs.estimates?.atCompletionAmount !== undefined) items.push({ value: money(costs.estimates.atCompletionAmount, c), label: 'Expected cost at completion (spent + remaining estimate)' });
  return (
    <div data-testid="report-costs">
      <SubHeading>Budget and cost{costs.billable ? ' (billable)' : ''}</SubHeading>
      <Figures label="Budget and cost" items={items} />
      {costs.unratedHours ? <p style={subtle}>{num(costs.unratedHours)} h were logged by people without a rate and are not costed.</p> : null}
      {costs.estimates ? (
        <p style={subtle}>
          Jira estimates of open work ({plural(costs.estimates.issues, 'issue')}): {num(costs.estimates.originalHours)} h original, {num(costs.estimates.remainingHours)} h remaining
          {costs.estimates.atCompletionHours !== undefined ? `; ${num(costs.estimates.atCompletionHours)} h at completion` : ''}.
        </p>
      ) : null}
      {costs.capacity ? (
        <>
          <p>
            Manpower against capacity: {num(costs.capacity.loggedHours)} h logged of {num(costs.capacity.capacityHours)} h available.
          </p>
          {costs.capacity.byPerson.length ? (
            <DataTable caption="Hours logged against capacity, per person" columns={['Person', 'Logged', 'Capacity']} numeric={[1, 2]} rows={costs.capacity.byPerson.map((p) => [p.name, `${num(p.loggedHours)} h`, `${num(p.capacityHours)} h`])} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function PlanDeviationView({ model, siteUrl }: Props) {
  const plan = model.plan;
  if (!plan?.baseline) return null;
  const { baseline } = plan;
  return (
    <div data-testid="report-plan-deviation">
      <SubHeading>Against the plan baseline</SubHeading>
      <p style={subtle}>
        Baseline taken {formatDay(baseline.takenAt.slice(0, 10))} by {baseline.takenByName}
        {baseline.note ? ` (“${baseline.note}”)` : ''}.
      </p>
      <Figures
        label="Deviation from the plan baseline"
        items={[
          { value: days(plan.scheduleDays ?? 0), label: 'Largest delay against the plan', tone: (plan.scheduleDays ?? 0) > 0 ? 'warning' : undefined },
          { value: `+${num(plan.scopeAdded?.points ?? 0)} pts`, label: `Scope added (${plural(plan.scopeAdded?.total ?? 0, 'issue')})` },
          { value: `−${num(plan.scopeRemoved?.points ?? 0)} pts`, label: `Scope removed (${plural(plan.scopeRemoved?.total ?? 0, 'issue')})` },
          { value: `${num(plan.currentPoints ?? 0)} / ${num(plan.baselinePoints ?? 0)} pts`, label: 'Planned now / in the baseline' },
        ]}
      />
      {plan.slips && plan.slips.total > 0 ? (
        <DataTable
          caption="Late against the plan (stays listed until done)"
          columns={['Issue', 'Planned due', 'Due now', 'Late']}
          numeric={[3]}
          rows={plan.slips.items.map((s) => [
            <span key="k">
              <IssueLink issueKey={s.key} siteUrl={siteUrl} /> {s.summary}
            </span>,
            formatDay(s.baselineDue),
            s.currentDue ? formatDay(s.currentDue) : 'none',
            s.doneOn ? `${days(s.daysLate)} (done ${formatDay(s.doneOn)})` : s.daysLate > 0 ? days(s.daysLate) : `moved ${s.dueMovedDays > 0 ? '+' : ''}${days(s.dueMovedDays)}`,
          ])}
        />
      ) : (
        <None>Nothing is late against the plan.</None>
      )}
      {plan.scopeAdded && plan.scopeAdded.total > 0 ? <IssueList list={plan.scopeAdded} siteUrl={siteUrl} empty="" label="Added to the plan since the baseline" /> : null}
      {plan.scopeRemoved && plan.scopeRemoved.total > 0 ? <IssueList list={plan.scopeRemoved} siteUrl={siteUrl} empty="" label="Taken out of the plan since the baseline" /> : null}
    </div>
  );
}

export function MonteCarloView({ model }: Props) {
  const mc = model.forecast.monteCarlo;
  if (!mc) return null;
  return (
    <div data-testid="report-monte-carlo">
      <p>
        Next period: <strong>{range(mc.nextPeriod.likely50)} points</strong> is the likely middle (50 %), {range(mc.nextPeriod.likely85)} points the wider 85 % range
        {mc.remainingPoints > 0 ? ` (at most the ${num(mc.remainingPoints)} points left)` : ''}.
      </p>
      <p>
        {mc.completion.forecast50 && mc.completion.forecast85
          ? `All remaining work: done by ${formatDay(mc.completion.forecast50)} (50 % likely) or ${formatDay(mc.completion.forecast85)} (85 % likely).`
          : mc.completion.note}
      </p>
      <p style={subtle}>
        From {num(mc.trials)} simulations drawn from the {mc.basis}.
      </p>
      {mc.accuracy.length ? (
        <DataTable
          caption="How earlier forecasts turned out"
          columns={['Period', 'Forecast (50 %)', 'Forecast (85 %)', 'Done', 'Within']}
          numeric={[1, 2, 3]}
          rows={mc.accuracy.map((r) => [
            `${formatDay(r.period.from)} – ${formatDay(r.period.to)}`,
            range(r.likely50),
            range(r.likely85),
            num(r.actualPoints),
            r.within50 ? '50 % range' : r.within85 ? '85 % range' : <span key="o" style={{ color: token('color.text.danger', '#AE2E24') }}>outside</span>,
          ])}
        />
      ) : null}
    </div>
  );
}
