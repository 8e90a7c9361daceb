/**
 * Every resolver of the app, declared once, and the one wrapper they all run through:
 * 1. take the caller from the Forge invocation (`context.accountId`, which @forge/resolver fills
 *    from the runtime principal; a payload cannot set it);
 * 2. check the caller's role, reading only the key that names the project (or the issue) from the
 *    payload: a refused caller gets the refusal, never field messages that describe the input;
 * 3. validate the whole input (VALIDATION with field messages; nothing written yet);
 * 4. answer `{ ok: true, data }` or `{ ok: false, error: { code, message, fields? } }`.
 */
import Resolver from '@forge/resolver';
import { ForgeKvsAPIError } from '@forge/kvs';
import { z } from 'zod';
import { allowsProjectRoles, isProjectScoped } from './access/domain/access';
import { AppError, toErrorBody, type ErrorBody } from './platform/domain/errors';
import { fieldErrorsOf } from './platform/domain/fields';
import { jiraAsUser } from './platform/jira/jiraClient';
import { isJiraAdmin } from './platform/jira/permissions';
import { ADMIN_RESOLVERS } from './settings/resolvers/admin';
import { ASK_PAGE_RESOLVERS } from './asks/resolvers/askPages';
import { ASK_RESOLVERS } from './asks/resolvers/asks';
import { CHANGE_ISSUE_RESOLVERS } from './changes/resolvers/changes';
import { CHANGE_PROJECT_RESOLVERS } from './changes/resolvers/changesProject';
import { CHANGE_SETUP_RESOLVERS } from './changes/resolvers/changesSetup';
import { CLIENT_ACCESS_RESOLVERS } from './portal/resolvers/clientAccess';
import type { ResolverDefinition } from './access/resolvers/definition';
import { projectKey } from './access/resolvers/inputs';
import { issueKey } from './access/resolvers/issueScope';
import { FLAG_RESOLVERS } from './flags/resolvers/flags';
import { FLAG_GADGET_RESOLVERS } from './flags/resolvers/flagGadget';
import { FLAG_RULE_RESOLVERS } from './flags/resolvers/flagRulesDryRun';
import { PLAN_RESOLVERS } from './reports/resolvers/plan';
import { PORTAL_RESOLVERS } from './portal/resolvers/portal';
import { loadProjectAccess, type ProjectAccess } from './access/services/projectAccess';
import { SETTINGS_RESOLVERS } from './settings/resolvers/settings';
import { SHARE_RESOLVERS } from './reports/resolvers/shares';
import { REPORT_JOB_RESOLVERS } from './reports/resolvers/reportJobs';
import { REPORT_RESOLVERS } from './reports/resolvers/reports';
import { REPORT_EXPORT_RESOLVERS } from './reports/resolvers/reportsExport';
import { REMINDER_RESOLVERS } from './asks/resolvers/reminders';
import { TEAM_HOME_RESOLVERS } from './portal/resolvers/teamHome';

export const RESOLVERS: readonly ResolverDefinition[] = [...SETTINGS_RESOLVERS, ...ADMIN_RESOLVERS, ...PORTAL_RESOLVERS, ...ASK_RESOLVERS, ...ASK_PAGE_RESOLVERS, ...FLAG_RESOLVERS, ...FLAG_GADGET_RESOLVERS, ...FLAG_RULE_RESOLVERS, ...SHARE_RESOLVERS, ...REPORT_JOB_RESOLVERS, ...REPORT_RESOLVERS, ...REPORT_EXPORT_RESOLVERS, ...CHANGE_ISSUE_RESOLVERS, ...CHANGE_PROJECT_RESOLVERS, ...CHANGE_SETUP_RESOLVERS, ...CLIENT_ACCESS_RESOLVERS, ...REMINDER_RESOLVERS, ...TEAM_HOME_RESOLVERS, ...PLAN_RESOLVERS];

export type Answer = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

export interface Invocation {
  payload: unknown;
  /** The caller as Forge identifies them; undefined for an anonymous call. */
  accountId: string | undefined;
  /** Forge's context.siteUrl (https://x.atlassian.net), for links in report exports. */
  siteUrl?: string;
}

/** The payload parsed by `schema`, or VALIDATION with a message per field. */
function validated<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error.issues);
    throw new AppError('VALIDATION', `Some fields need attention (${Object.keys(fields).length})`, { fields });
  }
  return parsed.data;
}

/**
 * The one part of a project-scoped payload read before the role check: the key naming the issue
 * (resolvers with `locate`) or the project. Only that key's own error can reach a caller who is
 * then refused: without a well-formed key there is no project to check the caller against.
 */
const ISSUE_SCOPE = z.object({ issueKey });
const PROJECT_SCOPE = z.object({ projectKey });

export async function runResolver(definition: ResolverDefinition, invocation: Invocation): Promise<Answer> {
  try {
    const payload = invocation.payload ?? {};
    const accountId = invocation.accountId;
    if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use Liaison');

    const now = new Date();
    const { access, subject } = await authorise(definition, payload, accountId, now);
    const input = validated(definition.input, payload) as Record<string, unknown>;
    if (access && !definition.locate && input.projectKey !== access.projectKey) {
      throw new Error(`Resolver ${definition.key}: the validated project key differs from the one its caller was checked in`);
    }
    const siteUrl = typeof invocation.siteUrl === 'string' && /^https?:\/\/[^\s"<>]+$/.test(invocation.siteUrl) ? invocation.siteUrl : undefined;
    const data = await definition.handler({ input, accountId, access, now, subject, ...(siteUrl ? { siteUrl } : {}) });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: toErrorBody(error) };
    if (error instanceof ForgeKvsAPIError) {
      return { ok: false, error: { code: 'UPSTREAM', message: `Forge storage failed: ${error.message}` } };
    }
    // Anything else (a bug, or Forge asking the user for consent) is Forge's to report.
    throw error;
  }
}

interface Authorised {
  access: ProjectAccess | undefined;
  subject: unknown;
}

/**
 * Throws FORBIDDEN unless the caller may call the resolver; answers their project access when it
 * is project-scoped, and what `locate` read when the project comes from an entity (an issue).
 */
async function authorise(definition: ResolverDefinition, payload: unknown, accountId: string, now: Date): Promise<Authorised> {
  const { allow } = definition;
  if (allow === 'signed-in') return { access: undefined, subject: undefined };
  if (allow === 'site-admin') {
    if (!(await isJiraAdmin(jiraAsUser()))) throw new AppError('FORBIDDEN', definition.refusal ?? 'Only Jira administrators can do this');
    return { access: undefined, subject: undefined };
  }
  if (isProjectScoped(allow)) {
    const located = definition.locate ? await definition.locate(validated(ISSUE_SCOPE, payload), now) : undefined;
    const projectKey = located ? located.projectKey : validated(PROJECT_SCOPE, payload).projectKey;
    const access = await loadProjectAccess(projectKey, accountId, now);
    if (!allowsProjectRoles(allow, access.roles)) {
      throw new AppError('FORBIDDEN', definition.refusal ?? `You don't have access to this in Liaison for project ${projectKey}`);
    }
    return { access, subject: located?.subject };
  }
  throw new Error(`Resolver ${definition.key} has an unknown allow: ${String(allow)}`);
}

function buildHandler() {
  const resolver = new Resolver();
  const seen = new Set<string>();
  for (const definition of RESOLVERS) {
    if (seen.has(definition.key)) throw new Error(`Resolver ${definition.key} is declared twice`);
    seen.add(definition.key);
    resolver.define(definition.key, (request) =>
      runResolver(definition, {
        payload: request.payload,
        accountId: typeof request.context.accountId === 'string' ? request.context.accountId : undefined,
        siteUrl: typeof request.context.siteUrl === 'string' ? request.context.siteUrl : undefined,
      }),
    );
  }
  return resolver.getDefinitions();
}

/** The function manifest.yml names `index.handler` (every Custom UI resource's resolver). */
export const handler = buildHandler();
