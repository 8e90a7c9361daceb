/**
 * Issue 17's parts of a report as lines of text for every export (PDF, HTML, Markdown, Confluence):
 * the PM's decisions (owner, deadline) before the automatic items, milestones, the budget and the
 * plan baseline's deviation. Only what the model holds: a client's model has no decisions and no
 * deviation, and money only when costs are shown to clients.
 */
import type { ReportModel } from '../domain/model';
import { day, num } from './format';

const money = (amount: number, currency: string) => `${currency} ${num(Math.round(amount))}`;

/** The PM's open decisions ("Title — owner, by 17 Dec 2026"), then the automatic items. */
export function decisionLines(model: ReportModel): string[] {
  const own = (model.decisions?.open.items ?? []).map((d) => `${d.title} — ${d.owner}, by ${day(d.deadline)}${d.overdue ? ' (overdue)' : ''}`);
  const more = model.decisions && model.decisions.open.total > model.decisions.open.items.length ? [`…and ${model.decisions.open.total - model.decisions.open.items.length} more decisions.`] : [];
  return [...own, ...more, ...model.decisionsNeeded];
}

const MILESTONE_WORDS = { done: 'done', overdue: 'overdue', 'at-risk': 'at risk', 'on-track': 'on track', 'no-forecast': 'no forecast yet' } as const;

export function milestoneLines(model: ReportModel): string[] {
  return (model.plan?.milestones.items ?? []).map((m) => {
    const when = m.doneOn ? `done ${day(m.doneOn)}` : m.forecast50 && m.forecast85 ? `forecast ${day(m.forecast50)} (50 %) – ${day(m.forecast85)} (85 %)` : '';
    return `${m.key} ${m.summary}: due ${day(m.due)}, ${MILESTONE_WORDS[m.state]}${m.daysLate > 0 ? ` by ${num(m.daysLate)} days` : ''}${when ? `; ${when}` : ''}`;
  });
}

export function costLines(model: ReportModel): string[] {
  const c = model.costs;
  if (!c) return [];
  const lines = [`This period: ${money(c.period.amount, c.currency)}${c.period.hours !== undefined ? ` (${num(c.period.hours)} h)` : ''}`];
  if (c.toDate) lines.push(`To date: ${money(c.toDate.amount, c.currency)}${c.toDate.hours !== undefined ? ` (${num(c.toDate.hours)} h)` : ''}`);
  if (c.budget?.amount !== undefined) lines.push(`Budget: ${money(c.budget.amount, c.currency)}${c.budget.remainingAmount !== undefined ? `, ${money(c.budget.remainingAmount, c.currency)} left` : ''}`);
  if (c.budget?.hours !== undefined) lines.push(`Budget hours: ${num(c.budget.hours)} h${c.budget.remainingHours !== undefined ? `, ${num(c.budget.remainingHours)} h left` : ''}`);
  if (c.capacity) lines.push(`Manpower: ${num(c.capacity.loggedHours)} h logged of ${num(c.capacity.capacityHours)} h capacity`);
  return lines;
}

export function deviationLines(model: ReportModel): string[] {
  const p = model.plan;
  if (!p?.baseline) return [];
  return [
    `Against the baseline of ${day(p.baseline.takenAt.slice(0, 10))}: largest delay ${num(p.scheduleDays ?? 0)} days; scope +${num(p.scopeAdded?.points ?? 0)} / −${num(p.scopeRemoved?.points ?? 0)} points (${num(p.scopeAdded?.total ?? 0)} issues added, ${num(p.scopeRemoved?.total ?? 0)} removed).`,
    ...(p.slips?.items ?? []).map((s) => `${s.key} ${s.summary}: planned ${day(s.baselineDue)}, ${s.doneOn ? `done ${day(s.doneOn)}, ${num(s.daysLate)} days late` : s.daysLate > 0 ? `${num(s.daysLate)} days late` : `moved ${num(s.dueMovedDays)} days`}`),
  ];
}
