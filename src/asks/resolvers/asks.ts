/**
 * Resolvers of the "Client ask" issue panel (and the portal's inline answers): read an issue's
 * ask, and every step of its life. Each names an issue; its project — the one the caller's roles
 * are checked in — is read from Jira with the issue itself (`locate`), never taken from the payload.
 *
 * The ask itself comes from its record in Forge storage (read after the caller's roles are
 * checked); what Jira shows is only checked against it (askRecords.ts).
 *
 * A write: the domain decides the new ask and event from the record (or refuses: nothing is
 * written) -> the record is saved in a KVS transaction conditioned on the version read (two writes
 * at once: one lands, the other gets CONFLICT) -> Jira's field gets the projection as the app (if
 * Jira refuses, the record is put back: nothing changed) -> an audit entry and a Jira notification.
 * Those two follow a change that has already happened, so their failure is reported as a warning
 * with the new state, not as a failed change.
 */
import type { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { askAuditSummary, askNotice } from '../domain/askNotices';
import { overviewByClient } from '../domain/askOverview';
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import {
  acceptAsk, answerAsk, AnswerInput, appendHistory, askProjection, AskMessageInput, InfoRequestInput, isOpen, parseAskProjection, postAskMessage, reAsk, ReAskInput, replyToAsk, requestInfo,
  sameProjection, setAsk, SetAskInput, withdrawAsk,
  type AskChange, type AskEvent, type ClientAsk,
} from '../domain/clientAsk';
import { AppError } from '../../platform/domain/errors';
import { withFlagRecord } from '../../flags/services/flagRecords';
import { applyRules, projectSetupFrom, rulesOn } from '../../flags/services/flagRuleRun';
import { askFields } from '../jira/askFields';
import { readFlagIssue } from '../../flags/jira/flagIssues';
import { storedAsksFor } from '../jira/askRecords';
import { readIssueAsk, writeAskProjection, type IssueAsk } from '../jira/issueAsks';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { notifyIssue } from '../../platform/jira/notify';
import type { AskFields } from '../store/askFieldStore';
import { emptyAsk, readAsk, saveAsk, undoAsk, type StoredAsk } from '../store/askStore';
import { clientRolePeople, holdsClientRole } from '../../access/resolvers/clientRole';
import { rememberWrite } from '../../platform/store/recentWrites';
import { checkedAccess, type ResolverContext, type ResolverDefinition } from '../../access/resolvers/definition';
import { IssueInput, isClient, issueKey, issueSubject, recordIssueChange, type IssueResolverDefinition } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';
import type { ProjectAccess } from '../../access/services/projectAccess';

/** What `locate` read: the issue as Jira shows it (its ask is read from storage after the role check), and the site's field ids. */
interface AskSubject {
  issue: IssueAsk;
  fields: AskFields;
}

const { defineIssueResolver: defineAskResolver, subjectOf } = issueSubject<AskSubject>({
  resolvers: 'An ask resolver',
  parts: ['issue', 'fields'],
  async read(jira, key, now) {
    const fields = await askFields(now);
    return { issue: await readIssueAsk(jira, key, fields.askFieldId), fields };
  },
});

/** What the caller may do with the ask now (the server checks again on every step). */
export interface AskPermissions {
  set: boolean;
  accept: boolean;
  reAsk: boolean;
  withdraw: boolean;
  answer: boolean;
  requestInfo: boolean;
  /** Write in the ask's conversation (for the team while the client's question is open: the reply to it). */
  post: boolean;
}

function permissions(ask: ClientAsk | null, access: ProjectAccess, accountId: string): AskPermissions {
  const open = ask !== null && isOpen(ask);
  if (isClient(access)) {
    const mine = ask !== null && ask.client === accountId;
    const owed = mine && (ask.state === 'waiting' || ask.state === 'question');
    return { set: false, accept: false, reAsk: false, withdraw: false, answer: owed, requestInfo: owed, post: mine && open };
  }
  const state = ask?.state;
  return {
    set: state !== 'answered',
    accept: state === 'answered',
    reAsk: state === 'answered',
    withdraw: open,
    answer: false,
    requestInfo: false,
    post: open,
  };
}

export interface AskPanelView {
  issueKey: string;
  issueSummary: string;
  projectKey: string;
  viewer: 'team' | 'client';
  ask: ClientAsk | null;
  /** For an open ask: business days waiting and overdue by the project's working days. */
  timing: { businessDaysWaiting: number; businessDaysOverdue: number; overdue: boolean } | null;
  /** Oldest first. A client sees only the steps of asks addressed to them. */
  history: AskEvent[];
  /** Older steps Jira's property limit made us drop. */
  dropped: number;
  /** The project's client-role people, for the team's picker (empty for a client). */
  clients: string[];
  names: Record<string, string>;
  can: AskPermissions;
  today: string;
}

/** The issue's ask record (none stored: an empty one), after checking what Jira shows against it. */
async function storedAskOf(issue: IssueAsk, now: Date): Promise<StoredAsk> {
  return (await storedAsksFor([issue], now)).get(issue.issueId) ?? emptyAsk(issue.issueId, issue.projectKey, issue.issueKey);
}

async function panelView(
  issue: IssueAsk,
  stored: StoredAsk,
  access: ProjectAccess,
  accountId: string,
  now: Date,
  known: { names?: Record<string, string>; clients?: string[] } = {},
): Promise<AskPanelView> {
  const client = isClient(access);
  const knownNames = known.names;
  const history = client ? stored.history.filter((event) => event.client === accountId) : stored.history;
  const clients = client ? [] : (known.clients ?? (await clientRolePeople(access, now)));
  const ids = new Set<string>([...clients, ...history.flatMap((e) => [e.by, e.client])]);
  if (stored.ask) [stored.ask.client, stored.ask.askedBy].forEach((id) => ids.add(id));
  const missing = [...ids].filter((id) => !knownNames || !Object.hasOwn(knownNames, id));
  const names = { ...(knownNames ?? {}), ...(await displayNames(missing)) };
  const today = isoDateOf(now);
  let timing: AskPanelView['timing'] = null;
  if (stored.ask && isOpen(stored.ask)) {
    const cal = calendarFromPlan(access.merged.settings.communicationPlan);
    const [view] = overviewByClient([{ issueKey: issue.issueKey, issueSummary: issue.summary, projectKey: issue.projectKey, ask: stored.ask, history: stored.history }], today, cal)[0].rows;
    timing = { businessDaysWaiting: view.businessDaysWaiting, businessDaysOverdue: view.businessDaysOverdue, overdue: view.overdue };
  }
  return {
    issueKey: issue.issueKey,
    issueSummary: issue.summary,
    projectKey: issue.projectKey,
    viewer: client ? 'client' : 'team',
    ask: stored.ask,
    timing,
    history,
    dropped: client ? 0 : stored.dropped,
    clients,
    names: Object.fromEntries([...ids].filter((id) => Object.hasOwn(names, id)).map((id) => [id, names[id]])),
    can: permissions(stored.ask, access, accountId),
    today,
  };
}

export interface AskWriteAnswer extends AskPanelView {
  /** Jira accepted the notification (it mails only those who may browse the issue). */
  notified: boolean;
  /** Things that went wrong after the change was saved (the change stands). */
  warnings: string[];
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Jira's field gets the saved ask's projection. When another write landed meanwhile, its
 * projection may have reached Jira before ours: the newest record's is written again, so the field
 * ends with the latest.
 */
async function project(fields: AskFields, shown: unknown, saved: StoredAsk): Promise<void> {
  const jira = jiraAsApp();
  // A step that changes none of client, state, due date and round leaves the field (and Jira's changelog) alone.
  if (!sameProjection(parseAskProjection(shown), askProjection(saved.ask))) await writeAskProjection(jira, fields.askFieldId, saved.issueId, askProjection(saved.ask));
  const latest = await readAsk(saved.issueId);
  if (latest && latest.version > saved.version) await writeAskProjection(jira, fields.askFieldId, saved.issueId, askProjection(latest.ask));
}

/** Saves a decided change (record, then Jira's projection), then records and announces it. */
async function commit(ctx: ResolverContext<unknown>, stored: StoredAsk, change: AskChange): Promise<AskWriteAnswer> {
  const access = checkedAccess(ctx);
  const { issue, fields } = subjectOf(ctx);
  const { history, dropped } = appendHistory({ history: stored.history, dropped: stored.dropped }, change.event);
  const saved = await saveAsk({ issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, expectedVersion: stored.version, ask: change.value, history, dropped, at: ctx.now });
  try {
    await project(fields, issue.fieldValue, saved);
  } catch (jiraError) {
    // The field is what JQL and Jira's own views show: a change Jira does not show is undone.
    if (await undoAsk(stored, saved.version)) {
      throw new AppError('UPSTREAM', `Jira did not save the change to ${issue.issueKey}; nothing was changed. ${detail(jiraError)}`, { cause: jiraError });
    }
    throw new AppError('UPSTREAM', `The change to ${issue.issueKey} is saved, but Jira did not show it (${detail(jiraError)}), and someone changed the ask since. Reload the issue.`, { cause: jiraError });
  }
  // Lists find asks by their records; Jira's lagging index is asked for this issue by id for a while.
  await rememberWrite(access.projectKey, issue.issueId, ctx.now).catch((error: unknown) => console.warn(`Liaison: ${issue.issueKey} may be missing from lists for a moment: ${error instanceof Error ? error.message : String(error)}`));

  const names = await displayNames([change.value.client, change.value.askedBy, change.event.by]);
  const notice = askNotice({ issueKey: issue.issueKey, issueSummary: issue.summary, value: change.value, event: change.event, names, fromTeam: !isClient(access) });
  const { notified, warnings } = await recordIssueChange(ctx, issue, {
    saved: 'change',
    action: `ask.${change.event.action}`,
    path: 'clientAsk',
    summary: askAuditSummary({ issueKey: issue.issueKey, value: change.value, event: change.event, names }),
    notify: () => notifyIssue(jiraAsApp(), issue.issueKey, notice),
  });

  // The app's own writes do not wake the issue trigger (ignoreSelf), so the issue's red-flag rules
  // (blocked on client) are re-run here, with the settings and field ids this call already holds;
  // the ask is saved already, so a failure is only a warning.
  if (rulesOn(access.project)) {
    await readFlagIssue(jiraAsApp(), issue.issueKey, { askFieldId: fields.askFieldId, sprintFieldId: fields.sprintFieldId })
      .then(withFlagRecord)
      .then(async (flagIssue) => applyRules(flagIssue, await projectSetupFrom(access.projectKey, access.merged.settings, ctx.now)))
      .catch((error: unknown) => {
        warnings.push(`Red flags for ${issue.issueKey} were not brought up to date: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  // The picker's list only decorates the answer to a change that is already saved: without it, the panel still works.
  const clients = isClient(access) ? [] : await clientRolePeople(access, ctx.now).catch(() => []);
  return { ...(await panelView(issue, saved, access, ctx.accountId, ctx.now, { names, clients })), notified, warnings };
}

/**
 * A resolver for one step of an ask's life: `decide` is the domain's decision from the issue's ask
 * and the input (it refuses by throwing, and nothing is written); the change is then committed.
 */
function askStep<Schema extends z.ZodType<{ issueKey: string }>>({
  decide,
  ...definition
}: Omit<IssueResolverDefinition<Schema, AskSubject>, 'handler'> & {
  decide(ask: ClientAsk | null, ctx: ResolverContext<z.infer<Schema>>): AskChange | Promise<AskChange>;
}): ResolverDefinition<Schema> {
  return defineAskResolver<Schema>({
    ...definition,
    async handler(ctx, { issue }) {
      const stored = await storedAskOf(issue, ctx.now);
      return commit(ctx, stored, await decide(stored.ask, ctx));
    },
  });
}

const MANAGE_REFUSAL = 'Only the team of this project (manager, approver or team member) can set, accept, re-ask or withdraw client asks';

export const getAsk = defineAskResolver({
  key: 'asks.get',
  description: "An issue's client ask with its history and what the caller may do; a client sees only an ask addressed to them",
  input: IssueInput,
  allow: rolesAllowedTo('asks.read'),
  refusal: "You don't have access to client asks in this project",
  async handler(ctx, { issue }) {
    const access = checkedAccess(ctx);
    const stored = await storedAskOf(issue, ctx.now);
    if (isClient(access) && stored.ask?.client !== ctx.accountId) {
      throw new AppError('FORBIDDEN', 'There is no ask addressed to you on this issue');
    }
    return panelView(issue, stored, access, ctx.accountId, ctx.now);
  },
});

export const setClientAsk = askStep({
  key: 'asks.set',
  description: 'Ask a client person for something by a due date, or change a waiting ask (the client must hold the client role)',
  input: SetAskInput.extend({ issueKey }),
  allow: rolesAllowedTo('asks.manage'),
  refusal: MANAGE_REFUSAL,
  async decide(ask, ctx) {
    const access = checkedAccess(ctx);
    const change = setAsk(ask, { client: ctx.input.client, ask: ctx.input.ask, due: ctx.input.due }, ctx.accountId, ctx.now);
    if (!(await holdsClientRole(access, ctx.input.client, ctx.now))) {
      throw new AppError('VALIDATION', "Only people in this project's client role can be asked", {
        fields: { client: "Choose a person from the project's client role" },
      });
    }
    return change;
  },
});

export const answerClientAsk = askStep({
  key: 'asks.answer',
  description: 'The named client answers their ask; the team is notified',
  input: AnswerInput.extend({ issueKey }),
  allow: rolesAllowedTo('asks.answer'),
  refusal: 'Only the client person an ask is addressed to can answer it',
  decide: (ask, ctx) => answerAsk(ask, { answer: ctx.input.answer }, ctx.accountId, ctx.now),
});

export const requestAskInfo = askStep({
  key: 'asks.requestInfo',
  description: 'The named client says "I need more information"; the ask stays with them and the team is notified',
  input: InfoRequestInput.extend({ issueKey }),
  allow: rolesAllowedTo('asks.answer'),
  refusal: 'Only the client person an ask is addressed to can ask about it',
  decide: (ask, ctx) => requestInfo(ask, { note: ctx.input.note }, ctx.accountId, ctx.now),
});

export const acceptClientAsk = askStep({
  key: 'asks.accept',
  description: "Accept the client's answer: the ask is closed and the client is told",
  input: IssueInput,
  allow: rolesAllowedTo('asks.manage'),
  refusal: MANAGE_REFUSAL,
  decide: (ask, ctx) => acceptAsk(ask, ctx.accountId, ctx.now),
});

export const reAskClient = askStep({
  key: 'asks.reAsk',
  description: 'The answer is not enough: ask the same client again with a new due date (the next round)',
  input: ReAskInput.extend({ issueKey }),
  allow: rolesAllowedTo('asks.manage'),
  refusal: MANAGE_REFUSAL,
  decide: (ask, ctx) => reAsk(ask, { ask: ctx.input.ask, due: ctx.input.due }, ctx.accountId, ctx.now),
});

export const withdrawClientAsk = askStep({
  key: 'asks.withdraw',
  description: 'Withdraw an open ask: nothing more is needed from the client, who is told',
  input: IssueInput,
  allow: rolesAllowedTo('asks.manage'),
  refusal: MANAGE_REFUSAL,
  decide: (ask, ctx) => withdrawAsk(ask, ctx.accountId, ctx.now),
});

export const postAskMessageResolver = askStep({
  key: 'asks.post',
  description: "Write in an ask's conversation: the team (its reply answers the client's open question and the ask waits on the client again) or the client it is addressed to; the other side is notified",
  input: AskMessageInput.extend({ issueKey }),
  allow: rolesAllowedTo('asks.converse'),
  refusal: "You don't have access to client asks in this project",
  decide(ask, ctx) {
    const access = checkedAccess(ctx);
    if (!isClient(access)) return replyToAsk(ask, { message: ctx.input.message }, ctx.accountId, ctx.now);
    // Clients see only asks addressed to them (as asks.get): a fellow client learns nothing of another's ask.
    if (ask?.client !== ctx.accountId) throw new AppError('FORBIDDEN', 'There is no ask addressed to you on this issue');
    return postAskMessage(ask, { message: ctx.input.message }, ctx.accountId, ctx.now);
  },
});

export const ASK_RESOLVERS = [getAsk, setClientAsk, answerClientAsk, requestAskInfo, acceptClientAsk, reAskClient, withdrawClientAsk, postAskMessageResolver];
