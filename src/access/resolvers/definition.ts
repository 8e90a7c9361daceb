/**
 * What a resolver is: its key, its input schema, who may call it, and its handler. Every
 * resolver is declared with defineResolver() and listed once in registry.ts, whose single
 * wrapper validates, identifies the caller and authorises before any handler runs.
 */
import type { z } from 'zod';
import type { Allow } from '../domain/access';
import type { ProjectAccess } from '../services/projectAccess';

export interface ResolverContext<Input> {
  /** The validated input. */
  input: Input;
  /** The calling user, from the Forge invocation (never from the payload). */
  accountId: string;
  /**
   * For project-scoped resolvers (allow: app roles or 'any-project-role'): the caller's standing in
   * the project named by `input.projectKey`, already checked against `allow`. Undefined otherwise.
   */
  access: ProjectAccess | undefined;
  /** The time the call started (one "now" per call). */
  now: Date;
  /** The Jira site's address as Forge passes it (context.siteUrl), for links in exports; absent outside a Forge call. */
  siteUrl?: string;
  /** What the definition's `locate` read to find the project (undefined without `locate`). */
  subject: unknown;
}

/** Where a resolver about one Jira entity (an issue) finds the project to authorise against. */
export interface Located {
  projectKey: string;
  /** Handed to the handler as `ctx.subject` once the caller's role is checked. */
  subject: unknown;
}

export interface ResolverDefinition<Schema extends z.ZodType = z.ZodType> {
  key: string;
  /** One line for people reading the registry (and the policy test's failure messages). */
  description: string;
  input: Schema;
  allow: Allow;
  /** The message a refused caller reads; the default names the project. */
  refusal?: string;
  /**
   * For project-scoped resolvers whose input names an entity rather than a project (an issue key):
   * reads the entity (as the caller, so Jira's own permissions apply) and answers its project,
   * which the caller's roles are checked against. Never trust a project key sent with an issue.
   * It runs before the rest of the input is validated (a refused caller learns nothing of it), so
   * it gets only the issue key.
   */
  locate?(scope: { issueKey: string }, now: Date): Promise<Located>;
  handler(ctx: ResolverContext<z.infer<Schema>>): Promise<unknown>;
}

/** Identity, for type inference of the handler's input from the schema. */
export function defineResolver<Schema extends z.ZodType>(definition: ResolverDefinition<Schema>): ResolverDefinition<Schema> {
  return definition;
}

/** The checked project access of a project-scoped resolver (a missing one is a registry mistake). */
export function checkedAccess(ctx: ResolverContext<unknown>): ProjectAccess {
  if (!ctx.access) throw new Error('This resolver is not project-scoped: declare allow as app roles or any-project-role');
  return ctx.access;
}
