/**
 * Issue 17: the PM's plan on the Reports page — decisions needed (add, edit, resolve; listed by
 * the internal roles) and plan baselines ("Snapshot the plan": the open epics with their target
 * dates and the planned issues, read from Jira now as the PM, stored in KVS, bounded).
 * Every write checks the version the PM edited (CONFLICT otherwise) and leaves an audit entry.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { isoDateOf } from '../../platform/domain/businessDays';
import { addDecision, AddDecisionFields, resolveDecision, ResolveDecisionFields, updateDecision, UpdateDecisionFields, type DecisionsDocument } from '../domain/decisions';
import { BASELINE_NOTE_MAX_CHARS, takeBaseline, type PlanBaseline } from '../domain/plan';
import { planItemsOf } from '../domain/planReport';
import { periodOf } from '../domain/period';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { writeAudit } from '../../platform/store/auditStore';
import { listBaselines, readDecisions, saveBaseline, writeDecisions } from '../store/planStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { displayNames } from '../../platform/jira/people';
import { gatherFacts } from '../services/reportsGenerate';

const MANAGE_REFUSAL = 'Only a project manager can change the decisions and the plan baseline';
const READ_REFUSAL = 'Only the team of this project can see its decisions and plan';

/** The decisions with the names of who made and resolved them. */
async function decisionsView(projectKey: string, doc: DecisionsDocument) {
  const names = await displayNames([...new Set(doc.items.flatMap((d) => [d.createdBy, d.resolvedBy].filter((id): id is string => typeof id === 'string')))]);
  return {
    projectKey,
    version: doc.version,
    items: doc.items
      .map((d) => ({ ...d, createdByName: names[d.createdBy] ?? d.createdBy, ...(d.resolvedBy ? { resolvedByName: names[d.resolvedBy] ?? d.resolvedBy } : {}) }))
      .sort((a, b) => (a.status === b.status ? a.deadline.localeCompare(b.deadline) : a.status === 'open' ? -1 : 1)),
  };
}

async function changeDecisions(
  ctx: { accountId: string; now: Date },
  key: string,
  expected: number,
  action: string,
  summary: string,
  change: (doc: DecisionsDocument) => DecisionsDocument,
) {
  const current = await readDecisions(key);
  const next = change(current);
  await writeDecisions(key, expected, next, ctx.now);
  await writeAudit(buildAuditEntry({ projectKey: key, at: ctx.now, actor: ctx.accountId, action, target: `project:${key}`, changes: [{ path: 'decisions', summary }] }));
  return decisionsView(key, next);
}

export const listDecisions = defineResolver({
  key: 'plan.decisions',
  description: "The project's decisions needed (open first, nearest deadline first) and their version",
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('plan.read'),
  refusal: READ_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    return decisionsView(access.projectKey, await readDecisions(access.projectKey));
  },
});

export const addDecisionResolver = defineResolver({
  key: 'plan.addDecision',
  description: 'Add a decision needed, with an owner and a deadline',
  input: z.object({ projectKey, ...AddDecisionFields }),
  allow: rolesAllowedTo('plan.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const { version, title, detail, owner, deadline } = ctx.input;
    const id = randomUUID();
    return changeDecisions(ctx, access.projectKey, version, 'plan.addDecision', `Added "${title}" (owner ${owner.name}, deadline ${deadline})`, (doc) =>
      addDecision(doc, version, { title, ...(detail ? { detail } : {}), owner, deadline }, { id, by: ctx.accountId, at: ctx.now.toISOString() }),
    );
  },
});

export const updateDecisionResolver = defineResolver({
  key: 'plan.updateDecision',
  description: "Edit an open decision's text, owner or deadline",
  input: z.object({ projectKey, ...UpdateDecisionFields }),
  allow: rolesAllowedTo('plan.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const { id, version, title, detail, owner, deadline } = ctx.input;
    return changeDecisions(ctx, access.projectKey, version, 'plan.updateDecision', `Edited "${title}" (owner ${owner.name}, deadline ${deadline})`, (doc) =>
      updateDecision(doc, version, id, { title, ...(detail ? { detail } : {}), owner, deadline }, { by: ctx.accountId, at: ctx.now.toISOString() }),
    );
  },
});

export const resolveDecisionResolver = defineResolver({
  key: 'plan.resolveDecision',
  description: 'Resolve a decision with its outcome',
  input: z.object({ projectKey, ...ResolveDecisionFields }),
  allow: rolesAllowedTo('plan.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const { id, version, resolution } = ctx.input;
    return changeDecisions(ctx, access.projectKey, version, 'plan.resolveDecision', `Resolved decision ${id}`, (doc) =>
      resolveDecision(doc, version, id, resolution, { by: ctx.accountId, at: ctx.now.toISOString() }),
    );
  },
});

/** A baseline as the page lists it: when, by whom, how much (not every item). */
function baselineSummary(b: PlanBaseline, names: Record<string, string>) {
  return {
    id: b.id,
    takenAt: b.takenAt,
    takenByName: names[b.takenBy] ?? b.takenBy,
    ...(b.note ? { note: b.note } : {}),
    items: b.items.length,
    itemsTotal: b.itemsTotal,
    epics: b.items.filter((i) => i.kind === 'epic').length,
    milestones: b.items.filter((i) => i.kind === 'epic' && i.due !== null).length,
    points: b.items.filter((i) => i.kind === 'standard').reduce((sum, i) => sum + i.points, 0),
    sprints: b.sprints.map((s) => ({ name: s.name, issues: s.issues, points: s.points })),
  };
}

export const listBaselinesResolver = defineResolver({
  key: 'plan.baselines',
  description: "The project's plan baselines, newest first",
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('plan.read'),
  refusal: READ_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const baselines = await listBaselines(access.projectKey);
    const names = await displayNames([...new Set(baselines.map((b) => b.takenBy))]);
    return { projectKey: access.projectKey, baselines: baselines.reverse().map((b) => baselineSummary(b, names)) };
  },
});

export const snapshotPlan = defineResolver({
  key: 'plan.snapshot',
  description: 'Snapshot the plan: the open epics with their target dates and the planned issues (in open sprints or with a due date), read from Jira now',
  input: z.object({
    projectKey,
    note: z.string({ error: 'Note must be text' }).trim().max(BASELINE_NOTE_MAX_CHARS, `Note must be at most ${BASELINE_NOTE_MAX_CHARS} characters`).optional(),
  }),
  allow: rolesAllowedTo('plan.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const facts = await gatherFacts(jiraAsUser(), {
      projectKey: access.projectKey,
      period: periodOf('month', isoDateOf(ctx.now)),
      audience: 'manager',
      settings: access.merged.settings,
      now: ctx.now,
    });
    const baseline = takeBaseline(planItemsOf(facts), facts.sprints, {
      id: randomUUID(),
      projectKey: access.projectKey,
      takenAt: ctx.now.toISOString(),
      takenBy: ctx.accountId,
      ...(ctx.input.note ? { note: ctx.input.note } : {}),
    });
    await saveBaseline(baseline);
    await writeAudit(
      buildAuditEntry({ projectKey: access.projectKey, at: ctx.now, actor: ctx.accountId, action: 'plan.snapshot', target: `project:${access.projectKey}`, changes: [{ path: 'plan', summary: `Plan baseline of ${baseline.items.length} items taken` }] }),
    );
    return baselineSummary(baseline, await displayNames([ctx.accountId]));
  },
});

export const PLAN_RESOLVERS = [listDecisions, addDecisionResolver, updateDecisionResolver, resolveDecisionResolver, listBaselinesResolver, snapshotPlan];
