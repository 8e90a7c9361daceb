/**
 * The Liaison global page: the projects in which the caller holds an app role, each with the
 * client-safe part of its communication plan (contacts, escalation path, next meeting).
 */
import { z } from 'zod';
import { portalProject, type PortalProject } from '../domain/portal';
import { defineResolver } from '../../access/resolvers/definition';
import { myAsksIn } from '../../asks/resolvers/askPages';
import { myChangesIn } from '../../changes/resolvers/changesProject';
import { portalSummaries } from './portalSummary';
import { browsableProjects } from '../../access/services/projectAccess';

/** Logs why a list of the home could not be read (the reason goes to the app's log, not to the page). */
function unreadable(what: string): (error: unknown) => undefined {
  return (error) => {
    console.error(`[portal.home] ${what} could not be read:`, error instanceof Error ? error.message : error);
    return undefined;
  };
}

export const portalHome = defineResolver({
  key: 'portal.home',
  description: "The caller's Liaison projects: role, client-safe communication plan, status from the latest published report, their asks and change requests, the flags and reports they may see",
  input: z.object({}),
  allow: 'signed-in',
  async handler(ctx) {
    // Only projects the caller can browse, and in each only what their own roles allow: any user may ask.
    const visible = await browsableProjects(ctx.accountId, ctx.now);
    const { projects, truncated } = visible;
    const mine = projects.filter(({ access }) => access.roles.length > 0);
    // Everything the home shows comes in this one answer (one call per page load), its reads side by
    // side: the caller's asks as "My asks" lists them (asks.mine's search, reused), their change
    // requests as the portal lists them (changes.mine's reading, reused) and each project's summary.
    // A list that fails is null: the page then asks its own resolver for it.
    const myAsksRead = myAsksIn(visible, ctx).catch(unreadable('asks'));
    const myChangesRead = myChangesIn(visible, ctx).catch(unreadable('change requests'));
    const [summaries, myAsks, myChanges] = await Promise.all([
      portalSummaries(mine.map(({ access }) => access), ctx.accountId, ctx.now, myAsksRead.then((view) => view?.asks)),
      myAsksRead,
      myChangesRead,
    ]);
    return {
      /** The caller's open asks for "My asks" (null when they could not be read; the page then asks asks.mine). */
      myAsks: myAsks ?? null,
      /** The caller's change requests as changes.mine answers them (null when they could not be read; the page then asks changes.mine). */
      myChanges: myChanges ?? null,
      projects: mine.map(({ project, access }): PortalProject => ({
        ...portalProject({ projectKey: project.key, projectName: project.name, roles: access.roles, plan: access.merged.settings.communicationPlan, now: ctx.now }),
        summary: summaries.get(project.key),
      })),
      /** True when the caller can see more projects than were examined. */
      truncated,
    };
  },
});

export const PORTAL_RESOLVERS = [portalHome];
