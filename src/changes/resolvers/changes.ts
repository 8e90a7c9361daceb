/**
 * Resolvers of the Change request panel (and the portal's view of one change request): read it,
 * and every step of its life. Each names an issue; its project — the one whose roles are checked —
 * is read from Jira with the issue itself (`locate`), never taken from the payload.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { CHANGE_LIMITS, type ChangeDocument } from '../domain/changeRequest';
import { acknowledgeChange, assessChange, AssessFields, decideChange, DecideFields, decisionWords, formatPrice, InformFields, informClient, linkImplementation, MessageFields, postChangeMessage, PriceResponseFields, requireApproved, respondToPrice, withdrawChange, WithdrawFields } from '../domain/changeSteps';
import { draftClientMessage } from '../domain/changeRequestView';
import { AppError } from '../../platform/domain/errors';
import { addClientComment, createIssue, linkIssues, readChangeIssue } from '../jira/changeRequests';
import { jiraAsApp, jiraAsUser } from '../../platform/jira/jiraClient';
import { notifyIssue } from '../../platform/jira/notify';
import { commitStep, conflictFor, defineChangeResolver, loadChange, loadedView, refreshIssueFlags, type ChangeAnswer } from './changesCore';
import { decisionAudit } from '../services/changeRecords';
import { issueKey, IssueInput } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';

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
    const result = informClient(loaded.step, loaded.stored.doc, ctx.input.message, ctx.accountId, ctx.now.toISOString(), ctx.input.deadline);
    const offer = result.doc.priceOffer && !result.to ? result.doc.priceOffer : undefined;
    return commitStep(ctx, loaded, {
      version: ctx.input.version,
      result,
      audit: offer
        ? { action: 'change.price-offered', summary: `${issue.issueKey}: the client was sent the price ${formatPrice(offer.price)}, to accept or decline by ${offer.deadline}` }
        : { action: 'change.client-informed', summary: `${issue.issueKey}: the client was told the decision (${decisionWords(result.doc.decision!)})` },
      async after() {
        const warnings: string[] = [];
        // The comment is what the client reads in Jira and the portal; the notification points them to it.
        await addClientComment(jiraAsUser(), issue.issueKey, ctx.input.message).catch((error: unknown) => {
          warnings.push(`Jira did not add the message as a comment: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (base.requestedBy) {
          const subject = offer
            ? `Your change request ${issue.issueKey}: please accept or decline the price by ${offer.deadline}`
            : `Your change request ${issue.issueKey}: ${decisionWords(result.doc.decision!)}`;
          await notifyIssue(jiraAsApp(), issue.issueKey, { subject, text: ctx.input.message, to: { users: [base.requestedBy] } }).catch(
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

/** The team people a client's words reach: whoever acted on the change request or wrote in its conversation (and Jira's assignee). */
function teamOwners(doc: ChangeDocument, requestedBy: string): string[] {
  const ids = [doc.acknowledgedBy, doc.assessment?.assessedBy, doc.decision?.by, doc.priceOffer?.sentBy, doc.clientInformedBy, ...(doc.messages ?? []).filter((m) => m.side === 'team').map((m) => m.by)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== '' && id !== requestedBy))];
}

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const respondToPriceResolver = defineChangeResolver({
  key: 'changes.respondToPrice',
  description: 'The client who raised a paid change accepts its price (by the deadline: the change goes on to Client informed) or declines it (the approver decides again)',
  input: z.object({ issueKey, ...PriceResponseFields }),
  allow: rolesAllowedTo('changes.respondToPrice'),
  refusal: 'Only the client who raised a change request can answer its price',
  async handler(ctx): Promise<ChangeAnswer> {
    const loaded = await loadChange(ctx);
    const { issue, base, stored } = loaded;
    const result = respondToPrice(loaded.step, stored.doc, { response: ctx.input.response, ...(ctx.input.reason ? { reason: ctx.input.reason } : {}) }, base.requestedBy, ctx.accountId, ctx.now.toISOString());
    const offer = stored.doc.priceOffer!;
    const accepted = ctx.input.response === 'accept';
    const names = await displayNames([ctx.accountId]);
    const client = names[ctx.accountId] ?? 'The client';
    return commitStep(ctx, loaded, {
      version: ctx.input.version,
      result,
      // Clients may browse, not transition: the app moves the issue for them (as for their withdrawal).
      transitionAs: 'app',
      audit: { action: accepted ? 'change.price-accepted' : 'change.price-declined', summary: `${issue.issueKey}: ${result.action}${ctx.input.reason ? `. Reason: ${ctx.input.reason}` : ''}` },
      async after() {
        const text = accepted
          ? `${client} accepted the price ${formatPrice(offer.price)} of the change request ${issue.issueKey} (${issue.summary}). It is now Client informed: plan its implementation.`
          : `${client} declined the price ${formatPrice(offer.price)} of the change request ${issue.issueKey} (${issue.summary})${ctx.input.reason ? `:\n\n"${ctx.input.reason}"` : '.'}\n\nThe decision is reopened: an approver decides again in the Change request panel.`;
        const subject = accepted ? `[${issue.issueKey}] ${client} accepted the price` : `[${issue.issueKey}] ${client} declined the price: decide again`;
        const warnings: string[] = [];
        await notifyIssue(jiraAsApp(), issue.issueKey, { subject, text, to: { users: teamOwners(stored.doc, base.requestedBy), assignee: true } }).catch((error: unknown) =>
          warnings.push(`Jira did not send the notification: ${failure(error)}`),
        );
        return warnings;
      },
    });
  },
});

export const postChangeMessageResolver = defineChangeResolver({
  key: 'changes.post',
  description: "Write in a change request's conversation: the team or the client who raised it; the other side is notified",
  input: z.object({ issueKey, ...MessageFields }),
  allow: rolesAllowedTo('changes.converse'),
  refusal: "You don't have access to change requests in this project",
  async handler(ctx): Promise<ChangeAnswer> {
    // loadChange lets a client through only for a change request they raised (a fellow client learns nothing of it).
    const loaded = await loadChange(ctx);
    const { issue, base, stored } = loaded;
    const side = loaded.access.roles.includes('client') ? 'client' : 'team';
    const at = ctx.now.toISOString();
    const doc = postChangeMessage(stored.doc, ctx.input.message, ctx.accountId, side, at);
    const names = await displayNames([ctx.accountId]);
    const author = names[ctx.accountId] ?? 'Someone';
    const to = side === 'client' ? { users: teamOwners(stored.doc, base.requestedBy), assignee: true } : { users: base.requestedBy && base.requestedBy !== ctx.accountId ? [base.requestedBy] : [] };
    return commitStep(ctx, loaded, {
      version: stored.version,
      result: { doc, action: 'message' },
      transitionAs: 'app',
      async after() {
        const warnings: string[] = [];
        const where = side === 'client' ? 'Reply in the Change request panel on the issue.' : 'Reply in Liaison (Apps > Liaison in Jira, "My change requests").';
        await notifyIssue(jiraAsApp(), issue.issueKey, {
          subject: `[${issue.issueKey}] ${author} wrote about the change request`,
          text: `${author} wrote about the change request ${issue.issueKey} (${issue.summary}):\n\n"${ctx.input.message}"\n\n${where}`,
          to,
        }).catch((error: unknown) => warnings.push(`Jira did not send the notification: ${failure(error)}`));
        return warnings;
      },
    });
  },
});

export const CHANGE_ISSUE_RESOLVERS = [getChange, acknowledge, assess, decide, withdraw, draftMessage, inform, linkImplementationIssues, respondToPriceResolver, postChangeMessageResolver];
