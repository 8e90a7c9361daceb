/**
 * Resolvers of the Change request panel (and the portal's view of one change request): read it,
 * and every step of its life. Each names an issue; its project — the one whose roles are checked —
 * is read from Jira with the issue itself (`locate`), never taken from the payload.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { rolesAllowedTo } from '../domain/access';
import {
  acknowledgeChange, assessChange, AssessFields, CHANGE_LIMITS, decideChange, DecideFields, decisionWords, InformFields, informClient,
  linkImplementation, requireApproved, withdrawChange, WithdrawFields,
} from '../domain/changeRequest';
import { draftClientMessage } from '../domain/changeRequestView';
import { AppError } from '../domain/errors';
import { addClientComment, createIssue, linkIssues, readChangeIssue } from '../jira/changeRequests';
import { jiraAsApp, jiraAsUser } from '../jira/jiraClient';
import { notifyIssue } from '../jira/notify';
import { commitStep, conflictFor, decisionAudit, defineChangeResolver, loadChange, loadedView, refreshIssueFlags, type ChangeAnswer } from './changesCore';
import { issueKey, IssueInput } from './issueScope';
import { displayNames } from './people';

const version = DecideFields.version;

export const getChange = defineChangeResolver({
  key: 'changes.get',
  description: 'A change request with what the caller may do; a client sees only their own, without the internal assessment',
  input: IssueInput,
  allow: rolesAllowedTo('changes.read'),
  refusal: "You don't have access to change requests in this project",
  async handler(ctx) {
    return loadedView(ctx, await loadChange(ctx));
  },
});

export const acknowledge = defineChangeResolver({
  key: 'changes.acknowledge',
  description: 'Acknowledge a logged change request (the promise to the client is kept)',
  input: z.object({ issueKey, version }),
  allow: rolesAllowedTo('changes.acknowledge'),
  refusal: 'Only the team of this project can acknowledge change requests',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const result = acknowledgeChange(loaded.step, loaded.stored.doc, ctx.accountId, ctx.now.toISOString());
    return commitStep(ctx, loaded, { version: ctx.input.version, result, audit: { action: 'change.acknowledged', summary: `${loaded.issue.issueKey} acknowledged` } });
  },
});

export const assess = defineChangeResolver({
  key: 'changes.assess',
  description: 'Record the impact assessment (effort, schedule, cost, scope, notes); with submit, send it for approval',
  input: z.object({ issueKey, ...AssessFields }),
  allow: rolesAllowedTo('changes.assess'),
  refusal: 'Only a manager or team member of this project can assess change requests',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const { version: seen, issueKey: key, ...input } = ctx.input;
    const result = assessChange(loaded.step, loaded.stored.doc, input, ctx.accountId, ctx.now.toISOString(), randomUUID);
    const a = result.doc.assessment!;
    return commitStep(ctx, loaded, {
      version: seen,
      result,
      audit: { action: 'change.assessed', summary: `${key} ${result.action}: effort ${a.effortDays} days, schedule +${a.scheduleDays} days, cost ${a.currency} ${a.cost}` },
    });
  },
});

export const decide = defineChangeResolver({
  key: 'changes.decide',
  description: 'Approve (unpaid, or paid at a price) or decline a change request awaiting approval; the first approver to decide wins',
  input: z.object({ issueKey, ...DecideFields }),
  allow: rolesAllowedTo('changes.decide'),
  refusal: 'Only an approver of this project can approve or decline change requests',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const { version: seen, issueKey: key, ...input } = ctx.input;
    const at = ctx.now.toISOString();
    // Whoever decided first is named, whether their claim landed before this read or in the same instant (saveChange).
    if (loaded.stored.doc.decision) throw await conflictFor(loaded.stored);
    const result = decideChange(loaded.step, loaded.stored.doc, input, ctx.accountId, at);
    const summary = `${key} ${decisionWords(result.doc.decision!)}. Rationale: ${input.rationale}`;
    return commitStep(ctx, loaded, { version: seen, result, claimAudit: decisionAudit(loaded.issue, result.doc.decision!, summary) });
  },
});

export const withdraw = defineChangeResolver({
  key: 'changes.withdraw',
  description: 'Withdraw an open change request (the client who raised it, or a manager)',
  input: z.object({ issueKey, ...WithdrawFields }),
  allow: rolesAllowedTo('changes.withdraw'),
  refusal: 'Only the client who raised it or a manager can withdraw a change request',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const result = withdrawChange(loaded.step, loaded.stored.doc, ctx.input.reason, ctx.accountId, ctx.now.toISOString());
    const client = loaded.access.roles.includes('client');
    const summary = `${loaded.issue.issueKey} withdrawn by ${client ? 'the client who raised it' : 'a manager'}. Reason: ${ctx.input.reason}`;
    return commitStep(ctx, loaded, {
      version: ctx.input.version,
      result,
      // loadChange let a client through only for their own request; Jira lets clients browse, not transition.
      transitionAs: client ? 'app' : 'user',
      claimAudit: decisionAudit(loaded.issue, result.doc.decision!, summary),
    });
  },
});

async function requesterName(requestedBy: string): Promise<string> {
  const names = await displayNames([requestedBy]);
  return names[requestedBy] ?? 'there';
}

export const draftMessage = defineChangeResolver({
  key: 'changes.draftMessage',
  description: 'A draft of the message telling the client the decision (client-safe: no rationale, cost or internal note)',
  input: IssueInput,
  allow: rolesAllowedTo('changes.inform'),
  refusal: 'Only a manager or approver of this project can tell the client about a change request',
  async handler(ctx) {
    const loaded = await loadChange(ctx);
    const name = await requesterName(loaded.base.requestedBy);
    return { message: draftClientMessage({ issueKey: loaded.issue.issueKey, summary: loaded.issue.summary, requesterName: name, doc: loaded.stored.doc }) };
  },
});

export const inform = defineChangeResolver({
  key: 'changes.inform',
  description: 'Tell the client the decision: a client-visible comment, a Jira notification to the requester, and the step Client informed',
  input: z.object({ issueKey, ...InformFields }),
  allow: rolesAllowedTo('changes.inform'),
  refusal: 'Only a manager or approver of this project can tell the client about a change request',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const { issue, base } = loaded;
    const result = informClient(loaded.step, loaded.stored.doc, ctx.input.message, ctx.accountId, ctx.now.toISOString());
    return commitStep(ctx, loaded, {
      version: ctx.input.version,
      result,
      audit: { action: 'change.client-informed', summary: `${issue.issueKey}: the client was told the decision (${decisionWords(result.doc.decision!)})` },
      async after() {
        const warnings: string[] = [];
        // The comment is what the client reads in Jira and the portal; the notification points them to it.
        await addClientComment(jiraAsUser(), issue.issueKey, ctx.input.message).catch((error: unknown) => {
          warnings.push(`Jira did not add the message as a comment: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (base.requestedBy) {
          await notifyIssue(jiraAsApp(), issue.issueKey, { subject: `Your change request ${issue.issueKey}: ${decisionWords(result.doc.decision!)}`, text: ctx.input.message, to: { users: [base.requestedBy] } }).catch(
            (error: unknown) => warnings.push(`Jira did not send the notification: ${error instanceof Error ? error.message : String(error)}`),
          );
        }
        return warnings;
      },
    });
  },
});

const IMPLEMENTATION_LINK_TYPE = 'Relates';

export const linkImplementationIssues = defineChangeResolver({
  key: 'changes.linkImplementation',
  description: 'Link existing issues, or create new ones, that implement an approved change request',
  input: z
    .object({
      issueKey,
      version,
      link: z.array(issueKey, { error: 'Issues to link must be a list of issue keys' }).max(CHANGE_LIMITS.implementationLinks, `At most ${CHANGE_LIMITS.implementationLinks} issues at once`).default([]),
      create: z
        .array(z.object({ summary: z.string({ error: 'Summary is required' }).trim().min(1, 'Summary is required').max(CHANGE_LIMITS.summary, `Summary must be at most ${CHANGE_LIMITS.summary} characters`), issueTypeId: z.string().trim().regex(/^\d{1,18}$/, 'Choose an issue type') }))
        .max(CHANGE_LIMITS.implementationCreates, `At most ${CHANGE_LIMITS.implementationCreates} new issues at once`)
        .default([]),
    })
    .refine((v) => v.link.length + v.create.length > 0, { message: 'Name an issue to link or one to create', path: ['link'] }),
  allow: rolesAllowedTo('changes.implement'),
  refusal: 'Only a manager or team member of this project can link implementation issues',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const { issue } = loaded;
    if (ctx.input.version !== loaded.stored.version) throw await conflictFor(loaded.stored);
    // Checked before anything is created: only an approved change gets implementation issues.
    requireApproved(loaded.step, loaded.stored.doc);
    const user = jiraAsUser();
    const keys: string[] = [];
    for (const key of ctx.input.link) {
      if (key === issue.issueKey) throw new AppError('VALIDATION', 'A change request cannot implement itself', { fields: { link: 'Choose another issue' } });
      const other = await readChangeIssue(user, key);
      if (other.projectKey !== issue.projectKey) throw new AppError('VALIDATION', `${key} is in another project`, { fields: { link: `${key} is not in ${issue.projectKey}` } });
      keys.push(key);
    }
    const created: string[] = [];
    for (const draft of ctx.input.create) {
      const made = await createIssue(user, { projectKey: issue.projectKey, issueTypeId: draft.issueTypeId, summary: draft.summary, description: `Implements the change request ${issue.issueKey}.` });
      keys.push(made.key);
      created.push(made.key);
    }
    const newKeys = keys.filter((k) => !loaded.stored.doc.implementationKeys.includes(k));
    const warnings: string[] = [];
    for (const key of newKeys) {
      await linkIssues(user, issue.issueKey, key, IMPLEMENTATION_LINK_TYPE).catch((error: unknown) => {
        warnings.push(`Jira did not link ${key}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    const result = linkImplementation(loaded.step, loaded.stored.doc, keys, ctx.accountId, ctx.now.toISOString());
    const answer = await commitStep(ctx, loaded, { version: ctx.input.version, result, audit: { action: 'change.implementation', summary: `${issue.issueKey} ${result.action}` } });
    // Issues created as the user wake no trigger (ignoreSelf): their rules run here.
    warnings.push(...(await refreshIssueFlags(created, issue.projectKey)));
    return { ...answer, warnings: [...warnings, ...answer.warnings] };
  },
});

export const CHANGE_ISSUE_RESOLVERS = [getChange, acknowledge, assess, decide, withdraw, draftMessage, inform, linkImplementationIssues];
