/**
 * Change requests across a project: raising one (the portal's form: clients included, created as
 * the caller so Jira's Create Issues permission applies), the register with its totals and CSV
 * export (the team), and "my change requests" per project for the portal (a client only theirs).
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { CHANGE_OUTCOMES, CHANGE_STEPS, changeProjection, emptyDocument, type ChangeDocument, type ChangeRegister, type MyChanges } from '../domain/changeRequest';
import { RaiseFields } from '../domain/changeSteps';
import { registerCsv, registerRow, registerTotals } from '../domain/changeRequestView';
import { createIssue } from '../jira/changeRequests';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { projectChangeWorkflow } from '../jira/provisioning';
import { writeAudit } from '../../platform/store/auditStore';
import { saveChange } from '../store/changeStore';
import { rememberWrite } from '../../platform/store/recentWrites';
import { peopleShown, refreshIssueFlags, viewOf } from './changesCore';
import { baseOf, CHANGE_LIST_LIMITS, listProjectChanges, projectChange, requireMapping, showsCosts, stepOf } from '../services/changeRecords';
import { checkedAccess, defineResolver, type ResolverContext } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { displayNames } from '../../platform/jira/people';
import { browsableProjects } from '../../access/services/projectAccess';

export const raiseChange = defineResolver({
  key: 'changes.raise',
  description: 'Log a new change request in the project (a client raises their own from the portal)',
  input: z.object({ projectKey, ...RaiseFields }),
  allow: rolesAllowedTo('changes.raise'),
  refusal: "You don't have access to change requests in this project",
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const mapping = await requireMapping(access, ctx.now);
    const created = await createIssue(jiraAsUser(), { projectKey: ctx.input.projectKey, issueTypeId: mapping.issueTypeId, summary: ctx.input.summary, description: ctx.input.description });
    // The record first, then its projection: until both are written the issue reads as one created in Jira by its reporter (the caller).
    const at = ctx.now.toISOString();
    const doc: ChangeDocument = { ...emptyDocument(), requestedBy: ctx.accountId, requestedAt: at, raisedVia: 'portal', step: 'logged' };
    const projected = changeProjection('logged', doc, { showCostsToClient: showsCosts(access.merged.settings) });
    const ref = { issueId: created.id, issueKey: created.key };
    const written = await saveChange({ ...ref, projectKey: ctx.input.projectKey, expectedVersion: 0, doc, at: ctx.now, projected });
    await projectChange(ref, written, projected).catch((error: unknown) => console.warn(`Liaison: change request ${created.key} was raised but its property not written: ${error instanceof Error ? error.message : String(error)}`));
    // The request exists in Jira now: a failed audit entry must not make the client raise it twice.
    await writeAudit(
      buildAuditEntry({ projectKey: ctx.input.projectKey, at: ctx.now, actor: ctx.accountId, action: 'change.raised', target: `issue:${created.key}`, changes: [{ path: 'changeRequest', summary: `${created.key} raised: ${ctx.input.summary}` }] }),
    ).catch((error: unknown) => console.warn(`Liaison: change request ${created.key} was raised but not audited: ${error instanceof Error ? error.message : String(error)}`));
    // Jira's search may not show it for a while: the lists shown next ask for it by id.
    await rememberWrite(ctx.input.projectKey, created.id, ctx.now).catch((error: unknown) => console.warn(`Liaison: change request ${created.key} may be missing from lists for a moment: ${error instanceof Error ? error.message : String(error)}`));
    // Created as the caller through the app, so the issue trigger never sees it (ignoreSelf): its rules run here.
    for (const warning of await refreshIssueFlags([created.key], ctx.input.projectKey)) console.warn(`Liaison: ${warning}`);
    return { issueKey: created.key };
  },
});

const RegisterInput = z.object({
  projectKey,
  step: z.enum(CHANGE_STEPS, { error: 'Choose a step' }).optional(),
  outcome: z.enum(CHANGE_OUTCOMES, { error: 'Choose an outcome' }).optional(),
});

async function buildRegister(ctx: ResolverContext<z.infer<typeof RegisterInput>>): Promise<ChangeRegister> {
  const access = checkedAccess(ctx);
  const mapping = await projectChangeWorkflow(access.projectKey, access.project.stored?.changeWorkflow, ctx.now);
  if (!mapping) return { rows: [], totals: registerTotals([]), truncated: false };
  const listed = await listProjectChanges(access, mapping.issueTypeId, CHANGE_LIST_LIMITS.register, ctx.now);
  const entries = listed.changes.map(({ issue, stored }) => ({
    issueKey: issue.issueKey,
    summary: issue.summary,
    step: stepOf(issue, mapping, stored.doc),
    base: baseOf(issue, stored.doc),
    doc: stored.doc,
  }));
  const names = await displayNames(new Set(entries.map((e) => e.base.requestedBy)));
  const settings = access.merged.settings;
  const cal = calendarFromPlan(settings.communicationPlan);
  const today = isoDateOf(ctx.now);
  const rows = entries
    .map((entry) => registerRow(entry, names, settings.flagThresholds.changeAckBusinessDays, cal, today))
    .filter((row) => (!ctx.input.step || row.step === ctx.input.step) && (!ctx.input.outcome || row.outcome === ctx.input.outcome));
  return { rows, totals: registerTotals(rows), truncated: listed.truncated };
}

export const changeRegister = defineResolver({
  key: 'changes.register',
  description: "The project's change requests with state, impact, outcome, price and timings, and their totals",
  input: RegisterInput,
  allow: rolesAllowedTo('changes.register'),
  refusal: "Only the team of this project can see its change request register",
  handler: buildRegister,
});

export const changeRegisterCsv = defineResolver({
  key: 'changes.registerCsv',
  description: "The project's change request register as CSV",
  input: RegisterInput,
  allow: rolesAllowedTo('changes.register'),
  refusal: "Only the team of this project can see its change request register",
  async handler(ctx) {
    const register = await buildRegister(ctx);
    const filter = [ctx.input.step, ctx.input.outcome].filter(Boolean).join('-');
    return { filename: `${ctx.input.projectKey}-change-requests${filter ? `-${filter}` : ''}-${isoDateOf(ctx.now)}.csv`, csv: registerCsv(register.rows) };
  },
});

/**
 * The ids to look up for many views at once, in order of first mention (requesters come first in
 * each view's list), at most `max`: one /user/bulk page for the whole answer. People past the bound
 * are shown by account id, as when Jira cannot answer.
 */
export function namesToLookUp(perView: Iterable<readonly string[]>, max: number): string[] {
  const ids = new Set<string>();
  for (const people of perView) {
    for (const id of people) {
      if (ids.size >= max) return [...ids];
      ids.add(id);
    }
  }
  return [...ids];
}

/** What changes.mine answers: the caller's change requests per project. */
export type MyChangesView = MyChanges & { truncated: boolean };

export const myChanges = defineResolver({
  key: 'changes.mine',
  description: "Change requests per project for the portal: a client's own, everyone's for the team",
  input: z.object({ projectKey: projectKey.optional() }),
  allow: 'signed-in',
  async handler(ctx): Promise<MyChangesView> {
    return myChangesIn(await browsableProjects(ctx.accountId, ctx.now), ctx, ctx.input.projectKey);
  },
});

/**
 * The caller's change requests in the projects they can browse, or only in `onlyProject`
 * (changes.mine; portal.home reuses it for its one call). Roles are checked per project: a client
 * gets only the change requests they raised.
 */
export async function myChangesIn(visible: Awaited<ReturnType<typeof browsableProjects>>, ctx: Pick<ResolverContext<unknown>, 'accountId' | 'now'>, onlyProject?: string): Promise<MyChangesView> {
  const candidates = visible.projects.filter(({ project, access }) => access.roles.length > 0 && (!onlyProject || project.key === onlyProject));
  let truncated = visible.truncated;
  const listings = await mapWithConcurrency(candidates, CHANGE_LIST_LIMITS.projects, async ({ project, access }) => {
    const mapping = await projectChangeWorkflow(access.projectKey, access.project.stored?.changeWorkflow, ctx.now);
    if (!mapping) return undefined;
    const client = access.roles.includes('client');
    const listed = await listProjectChanges(access, mapping.issueTypeId, CHANGE_LIST_LIMITS.mine, ctx.now);
    truncated ||= listed.truncated;
    const facts = listed.changes
      .filter(({ issue, stored }) => !client || baseOf(issue, stored.doc).requestedBy === ctx.accountId)
      .map(({ issue, stored }) => ({
        issueKey: issue.issueKey, summary: issue.summary, description: issue.description, step: stepOf(issue, mapping, stored.doc), statusName: issue.statusName,
        version: stored.version, base: baseOf(issue, stored.doc), doc: stored.doc,
      }));
    return { project, access, client, facts };
  });
  const found = listings.filter((l): l is NonNullable<typeof l> => l !== undefined);
  // One bulk read of names for every view in the answer, not one per change request.
  const names = await displayNames(namesToLookUp(found.flatMap((l) => l.facts.map((f) => peopleShown(f.doc, f.base, l.client))), CHANGE_LIST_LIMITS.names));
  const projects = await Promise.all(
    found.map(async ({ project, access, facts }) => ({
      projectKey: project.key,
      projectName: project.name,
      changes: await Promise.all(facts.map((f) => viewOf(ctx, access, f, names))),
    })),
  );
  return { projects, truncated };
}

export const CHANGE_PROJECT_RESOLVERS = [raiseChange, changeRegister, changeRegisterCsv, myChanges];
