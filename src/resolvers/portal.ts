/**
 * The Liaison global page: the projects in which the caller holds an app role, each with the
 * client-safe part of its communication plan (contacts, escalation path, next meeting).
 */
import { z } from 'zod';
import { portalProject, type PortalProject } from '../domain/portal';
import { mapWithConcurrency } from '../jira/concurrency';
import { jiraAsUser } from '../jira/jiraClient';
import { searchProjects } from '../jira/projects';
import { readSiteDefaults } from '../store/settingsStore';
import { defineResolver } from './definition';
import { loadProjectAccess } from './projectAccess';

/** Projects examined per call: each costs storage reads, and Jira requests for its roles unless cached. */
export const PORTAL_MAX_PROJECTS = 50;
/** Requests in flight at once, to stay well under Jira's per-second burst limit. */
const CONCURRENCY = 5;

export const portalHome = defineResolver({
  key: 'portal.home',
  description: "The caller's Liaison projects with their role and the client-safe communication plan",
  input: z.object({}),
  allow: 'signed-in',
  async handler(ctx) {
    // Only projects the caller can browse, and in each only what their own roles allow: any user may ask.
    const [visible, site] = await Promise.all([searchProjects(jiraAsUser(), { maxItems: PORTAL_MAX_PROJECTS }), readSiteDefaults()]);
    const cards = await mapWithConcurrency(visible.items, CONCURRENCY, async (project): Promise<PortalProject | null> => {
      const access = await loadProjectAccess(project.key, ctx.accountId, ctx.now, site);
      if (access.roles.length === 0) return null;
      return portalProject({ projectKey: project.key, projectName: project.name, roles: access.roles, plan: access.merged.settings.communicationPlan, now: ctx.now });
    });
    return {
      projects: cards.filter((card): card is PortalProject => card !== null),
      /** True when the caller can see more projects than were examined. */
      truncated: visible.truncated,
    };
  },
});

export const PORTAL_RESOLVERS = [portalHome];
