/**
 * Which workflow governs an issue and which transitions it offers from the issue's status.
 */
import type { SandboxIssue, SandboxProject, SandboxUser, SiteData, StatusDef, TransitionDef, WorkflowDef } from '../model';
import { hasPermission } from './access';
import { statusJson } from './present';

export function workflowFor(site: SiteData, project: SandboxProject, issueTypeId: string): WorkflowDef {
  const name = project.workflowByIssueType[issueTypeId];
  const workflow = site.workflows.find((w) => w.id === name) ?? site.workflows.find((w) => w.name === name);
  if (!workflow) {
    throw new Error(`Project ${project.key} has no workflow for issue type ${issueTypeId} (workflow scheme maps it to '${name ?? 'nothing'}')`);
  }
  return workflow;
}

export function statusById(site: SiteData, id: string): StatusDef {
  const status = site.statuses.find((s) => s.id === id);
  if (!status) throw new Error(`Unknown status id ${id} in site data`);
  return status;
}

/** Transitions leaving the issue's current status (directed ones from it, and global ones). */
export function transitionsFrom(workflow: WorkflowDef, statusId: string): TransitionDef[] {
  return workflow.transitions.filter((t) => t.from.length === 0 || t.from.includes(statusId));
}

/** What GET /issue/{key}/transitions lists for this user (nothing without TRANSITION_ISSUES). */
export function availableTransitions(site: SiteData, project: SandboxProject, issue: SandboxIssue, user: SandboxUser): TransitionDef[] {
  if (!hasPermission(project, user, 'TRANSITION_ISSUES')) return [];
  return transitionsFrom(workflowFor(site, project, issue.issueTypeId), issue.statusId);
}

export function transitionJson(site: SiteData, transition: TransitionDef, fromStatusId: string): Record<string, unknown> {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(site, statusById(site, transition.to)),
    hasScreen: false,
    isGlobal: transition.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: (transition.conditions?.length ?? 0) > 0,
    isLooped: transition.to === fromStatusId,
  };
}
