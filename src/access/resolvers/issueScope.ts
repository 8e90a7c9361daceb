/**
 * The plumbing of resolvers about one issue (the Client ask and Red flags panels): the issue key
 * they take, reading the issue as the caller to find the project whose roles are checked, and what
 * follows a saved change — an audit entry and a Jira notification. Those follow a change that has
 * already happened, so their failure is reported as a warning, not as a failed change.
 */
import { z } from 'zod';
import { buildAuditEntry } from '../../platform/domain/audit';
import { jiraAsUser, type JiraClient } from '../../platform/jira/jiraClient';
import { writeAudit } from '../../platform/store/auditStore';
import { defineResolver, type Located, type ResolverContext, type ResolverDefinition } from './definition';
import type { ProjectAccess } from '../services/projectAccess';

export const issueKey = z
  .string({ error: 'Issue key is required' })
  .trim()
  .regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/, 'Issue key must look like ABC-123');

export const IssueInput = z.object({ issueKey });

export const isClient = (access: ProjectAccess) => access.roles.includes('client');

/** A resolver about one issue: its handler also gets the subject `locate` read with the issue. */
export type IssueResolverDefinition<Schema extends z.ZodType<{ issueKey: string }>, Subject> = Omit<ResolverDefinition<Schema>, 'locate' | 'handler'> & {
  handler(ctx: ResolverContext<z.infer<Schema>>, subject: Subject): Promise<unknown>;
};

/**
 * For resolvers whose subject is read with an issue: `defineIssueResolver` declares one (located by
 * `locateIssue`), and `subjectOf` hands what was read to code that has only the context. `read` gets
 * a client acting as the caller: Jira answers 404 for an issue they may not browse, and we say no
 * more than that. The issue's own project is the one the caller's roles are checked in.
 */
export function issueSubject<Subject extends { issue: { projectKey: string } }>(spec: {
  /** Names the resolvers in the error a definition without `locate` meets, e.g. "An ask resolver". */
  resolvers: string;
  read(jira: JiraClient, issueKey: string, now: Date): Promise<Subject>;
  /** The parts of the subject a handler needs. */
  parts: readonly (keyof Subject)[];
}) {
  async function locateIssue(input: { issueKey: string }, now: Date): Promise<Located> {
    const subject = await spec.read(jiraAsUser(), input.issueKey, now);
    return { projectKey: subject.issue.projectKey, subject };
  }
  function subjectOf(ctx: ResolverContext<unknown>): Subject {
    const subject = ctx.subject as Partial<Subject> | undefined;
    if (!subject || spec.parts.some((part) => !subject[part])) throw new Error(`${spec.resolvers} ran without its issue: declare locate: locateIssue`);
    return subject as Subject;
  }
  function defineIssueResolver<Schema extends z.ZodType<{ issueKey: string }>>({ handler, ...definition }: IssueResolverDefinition<Schema, Subject>): ResolverDefinition<Schema> {
    return defineResolver<Schema>({
      ...definition,
      locate: locateIssue,
      async handler(ctx) {
        return handler(ctx, subjectOf(ctx));
      },
    });
  }
  return { defineIssueResolver, subjectOf };
}

function problem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Records a saved change to an issue in the project's audit trail and, with `notify`, has Jira send
 * a notification, both at once. Answers whether the notification went out and the warnings.
 */
export async function recordIssueChange(
  ctx: ResolverContext<unknown>,
  issue: { issueKey: string; projectKey: string },
  change: {
    /** What was saved, for the warnings: "The <saved> was saved, but …". */
    saved: string;
    action: string;
    path: string;
    summary: string;
    notify?: () => Promise<unknown>;
  },
): Promise<{ notified: boolean; warnings: string[] }> {
  const audit = buildAuditEntry({
    projectKey: issue.projectKey,
    at: ctx.now,
    actor: ctx.accountId,
    action: change.action,
    target: `issue:${issue.issueKey}`,
    changes: [{ path: change.path, summary: change.summary }],
  });
  const [audited, notified] = await Promise.allSettled([writeAudit(audit), change.notify ? change.notify() : Promise.resolve()]);
  const warnings: string[] = [];
  if (audited.status === 'rejected') warnings.push(`The ${change.saved} was saved, but Liaison could not record it in the project's audit trail: ${problem(audited.reason)}`);
  if (notified.status === 'rejected') warnings.push(`The ${change.saved} was saved, but Jira did not send the notification: ${problem(notified.reason)}`);
  return { notified: change.notify !== undefined && notified.status === 'fulfilled', warnings };
}
