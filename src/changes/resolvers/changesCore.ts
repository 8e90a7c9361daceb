/**
 * The plumbing of the change request resolvers: finding the change request behind an issue key
 * (read as the caller, so Jira's permissions apply; a client only their own), shaping what the
 * caller may see, and carrying out one step: the record is written first (conditioned on the
 * version the caller saw), then the issue moves through its workflow as the caller (so Jira's
 * rules run on what was just written), then the record's projection goes to the `liaison-change`
 * property and the audit trail follows. A refused transition puts the record back and its
 * message reaches the person. Who raised it, the decision and the price come from the record
 * only; the property is checked against it (src/platform/domain/tampering.ts).
 */
import { type AuditEntry } from '../../platform/domain/audit';
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { CHANGE_STEP_INFO, changeProjection, type ChangeDocument, type ChangeStep, type ChangeView, type Requester } from '../domain/changeRequest';
import { decisionWords, type ChangeStepResult } from '../domain/changeSteps';
import { buildChangeView, isClientViewer, type ChangeFacts } from '../domain/changeRequestView';
import { AppError } from '../../platform/domain/errors';
import type { ChangeWorkflow } from '../../settings/domain/settings';
import { readChangeIssue, transitionTo, type ChangeIssue } from '../jira/changeRequests';
import { jiraAsApp, jiraAsUser, type JiraClient } from '../../platform/jira/jiraClient';
import { evaluateIssueFlags } from '../../flags/services/flagRuns';
import { ChangeConflict, readChange, saveChange, undoChange, type StoredChange } from '../store/changeStore';
import { baseOf, projectChange, requireMapping, showsCosts, stepOf, trustChange } from '../services/changeRecords';
import { checkedAccess, type ResolverContext } from '../../access/resolvers/definition';
import { issueSubject, recordIssueChange } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';
import type { ProjectAccess } from '../../access/services/projectAccess';
import { DEFAULT_DATE_STYLE, formatInstant as formatInstantInStyle } from '../../platform/domain/dateStyle';

export const { defineIssueResolver: defineChangeResolver, subjectOf: changeSubjectOf } = issueSubject<{ issue: ChangeIssue }>({
  resolvers: 'A change request resolver',
  parts: ['issue'],
  async read(jira, key) {
    return { issue: await readChangeIssue(jira, key) };
  },
});

export interface LoadedChange {
  issue: ChangeIssue;
  access: ProjectAccess;
  mapping: ChangeWorkflow;
  step: ChangeStep;
  base: Requester;
  stored: StoredChange;
}

const hidden = (issueKey: string) => new AppError('NOT_FOUND', `Issue ${issueKey} does not exist or you do not have permission to see it`);

export async function loadChange(ctx: ResolverContext<unknown>): Promise<LoadedChange> {
  const access = checkedAccess(ctx);
  const { issue } = changeSubjectOf(ctx);
  const mapping = await requireMapping(access, ctx.now);
  const client = access.roles.includes('client');
  if (issue.issueTypeId !== mapping.issueTypeId) {
    if (client) throw hidden(issue.issueKey);
    throw new AppError('NOT_FOUND', `${issue.issueKey} is not a change request`);
  }
  const stored = await readChange(issue.issueId);
  await trustChange(issue, stored, ctx.now);
  const base = baseOf(issue, stored.doc);
  // A client sees only the change requests they raised, and learns nothing about the others.
  if (client && base.requestedBy !== ctx.accountId) throw hidden(issue.issueKey);
  return { issue, access, mapping, step: stepOf(issue, mapping, stored.doc), base, stored };
}

/**
 * The people a viewer's view of a change request names (requester first): a client's view names
 * only the requester and the authors of client-visible notes, so only those are looked up.
 */
export function peopleShown(doc: ChangeDocument, base: LoadedChange['base'], client: boolean): string[] {
  // The conversation's authors are named to both sides: each wrote to the other.
  const writers = (doc.messages ?? []).map((m) => m.by);
  const ids = client
    ? [base.requestedBy, ...(doc.assessment?.notes.filter((n) => n.visibility === 'client').map((n) => n.by) ?? []), ...writers]
    : [
        ...writers,
        base.requestedBy,
        doc.acknowledgedBy,
        doc.assessment?.assessedBy,
        ...(doc.assessment?.notes.map((n) => n.by) ?? []),
        doc.decision?.by,
        ...doc.history.map((h) => h.by),
      ];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The caller's view of a change request as it stands after the given step/doc/version. */
export async function viewOf(
  ctx: Pick<ResolverContext<unknown>, 'accountId' | 'now'>,
  access: ProjectAccess,
  facts: Omit<ChangeFacts, 'doc' | 'version'> & { doc: ChangeDocument; version: number },
  names?: Record<string, string>,
): Promise<ChangeView> {
  const viewer = { accountId: ctx.accountId, roles: access.roles };
  // Names of only the people the view shows (a client's view shows no one internal); a caller that
  // builds many views passes the names it read for all of them at once.
  const known = names ?? (await displayNames(new Set(peopleShown(facts.doc, facts.base, isClientViewer(viewer)))));
  const view = buildChangeView(facts, {
    viewer,
    names: known,
    ackBusinessDays: access.merged.settings.flagThresholds.changeAckBusinessDays,
    cal: calendarFromPlan(access.merged.settings.communicationPlan),
    today: isoDateOf(ctx.now),
    showCostsToClient: showsCosts(access.merged.settings),
  });
  // The team's forms start costs and prices in the project's currency; a client's view has no forms for them.
  const currency = access.merged.settings.reporting?.currency;
  return currency && view.viewer === 'team' ? { ...view, defaultCurrency: currency } : view;
}

export function loadedView(ctx: ResolverContext<unknown>, loaded: LoadedChange): Promise<ChangeView> {
  const { issue } = loaded;
  return viewOf(ctx, loaded.access, {
    issueKey: issue.issueKey, summary: issue.summary, description: issue.description, step: loaded.step, statusName: issue.statusName,
    version: loaded.stored.version, base: loaded.base, doc: loaded.stored.doc,
  });
}

/** An instant in the server's text: the one date style, with the zone named (the reader's zone is not known here). */
export function formatInstant(iso: string): string {
  return formatInstantInStyle(iso, DEFAULT_DATE_STYLE, { showZone: true });
}

/** The conflict a person reads when the change request moved on since they looked. */
export async function conflictFor(current: StoredChange): Promise<AppError> {
  const decision = current.doc.decision;
  if (decision) {
    const names = await displayNames([decision.by]);
    return new AppError('CONFLICT', `${names[decision.by] ?? decision.by} already ${decisionWords(decision)} this change at ${formatInstant(decision.at)}. Reload to see the decision.`);
  }
  return new AppError('CONFLICT', `Someone else changed this change request while you were looking at it (it is now at version ${current.version}). Reload to see their change, then try again.`);
}

export interface StepOptions {
  /** The version the caller saw. */
  version: number;
  result: ChangeStepResult;
  /** Who moves the issue in Jira: the caller (default), or the app for a client's own withdrawal (clients may not transition issues). */
  transitionAs?: 'user' | 'app';
  /** The decision's audit entry, written with the document in one transaction (the claim). */
  claimAudit?: { key: string; entry: AuditEntry };
  /** The audit line of any other step (written after the step, a failure is a warning). */
  audit?: { action: string; summary: string };
  /** Runs after the transition (a comment, a notification); a failure is a warning. */
  after?: (docAfter: ChangeDocument) => Promise<string[]>;
}

export type ChangeAnswer = ChangeView & { warnings: string[] };

function problem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Carries out one step of a change request (see the file comment for the order and why). */
export async function commitStep(ctx: ResolverContext<unknown>, loaded: LoadedChange, opts: StepOptions): Promise<ChangeAnswer> {
  const { issue, access, mapping, base } = loaded;
  if (opts.version !== loaded.stored.version) throw await conflictFor(loaded.stored);
  // The record names who raised it and the step it is going to (a change request created in Jira gets its reporter).
  const stepAfter = opts.result.to ?? loaded.step;
  const doc: ChangeDocument = { ...opts.result.doc, requestedBy: base.requestedBy, requestedAt: base.requestedAt, raisedVia: base.raisedVia, step: stepAfter };
  const projected = changeProjection(stepAfter, doc, { showCostsToClient: showsCosts(access.merged.settings) });
  const write = {
    issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, expectedVersion: loaded.stored.version, doc, at: ctx.now,
    projected, projectedBefore: loaded.stored.projected, ...(opts.claimAudit ? { audit: opts.claimAudit } : {}),
  };
  let written: number;
  try {
    written = await saveChange(write);
  } catch (error) {
    if (error instanceof ChangeConflict) throw await conflictFor(error.current);
    throw error;
  }

  const to = opts.result.to;
  let step = loaded.step;
  let statusName = issue.statusName;
  if (to && to !== loaded.step) {
    const jira: JiraClient = opts.transitionAs === 'app' ? jiraAsApp() : jiraAsUser();
    try {
      statusName = await transitionTo(jira, issue.issueKey, mapping.statusIds[to], CHANGE_STEP_INFO[to].statusName);
    } catch (error) {
      // The step did not happen in Jira: put the document back so what Liaison holds matches the issue.
      await undoChange({ issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, writtenVersion: written, previous: loaded.stored, ...(opts.claimAudit ? { auditKey: opts.claimAudit.key } : {}) }).catch((undoError: unknown) => {
        console.warn(`Liaison: could not put back the change request ${issue.issueKey} after Jira refused the transition: ${problem(undoError)}`);
      });
      throw error;
    }
    step = to;
  }

  const warnings: string[] = [];
  await projectChange(issue, written, projected).catch((error: unknown) => {
    warnings.push(`The change was saved, but Jira did not update the issue's change request details: ${problem(error)}`);
  });
  if (opts.after) warnings.push(...(await opts.after(doc)));
  if (opts.audit) {
    const recorded = await recordIssueChange(ctx, issue, { saved: 'change', action: opts.audit.action, path: 'changeRequest', summary: opts.audit.summary });
    warnings.push(...recorded.warnings);
  }
  warnings.push(...(await refreshIssueFlags([issue.issueKey], issue.projectKey)));
  const view = await viewOf(ctx, access, {
    issueKey: issue.issueKey, summary: issue.summary, description: issue.description, step, statusName,
    version: written, base, doc,
  });
  return { ...view, warnings };
}

/**
 * The red-flag rules of issues Liaison just wrote as the user (created, transitioned, commented).
 * Forge counts those writes' events as the app's own, so the issue trigger (`ignoreSelf`) never
 * sees them: the rules run here instead. The step is done already, so a failure is a warning.
 */
export async function refreshIssueFlags(issueKeys: readonly string[], projectKey: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const key of issueKeys) {
    await evaluateIssueFlags(key, projectKey).catch((error: unknown) => {
      warnings.push(`Red flags for ${key} were not brought up to date: ${problem(error)}`);
    });
  }
  return warnings;
}
