/**
 * Shared write helpers: id allocation from the site's counters, changelog entries and the
 * `updated` stamp every issue write leaves.
 */
import { SPRINT_FIELD, type ChangelogItem, type SandboxIssue, type SiteData } from '../model';
import { jiraDateTime } from './format';
import type { RequestContext } from './http';

type CounterName = keyof SiteData['counters'];

/** The next id for a counter (counters hold the last id handed out). */
export function nextId(site: SiteData, counter: CounterName): number {
  site.counters[counter] = (site.counters[counter] ?? 0) + 1;
  return site.counters[counter];
}

/**
 * Raises every counter to at least the largest id already in the data, so a hand-built site with
 * stale counters never gets duplicate ids. Run once when the sandbox starts.
 */
export function reconcileCounters(site: SiteData): void {
  const maxOf = (ids: Iterable<string | number>): number => {
    let max = 0;
    for (const id of ids) {
      const n = Number(id);
      if (Number.isFinite(n) && n > max) max = n;
    }
    return max;
  };
  const raise = (counter: CounterName, ids: Iterable<string | number>): void => {
    site.counters[counter] = Math.max(site.counters[counter] ?? 0, maxOf(ids));
  };
  raise('issue', site.issues.map((i) => i.id));
  raise('comment', site.issues.flatMap((i) => i.comments.map((c) => c.id)));
  raise('worklog', site.issues.flatMap((i) => i.worklogs.map((w) => w.id)));
  raise('changelog', site.issues.flatMap((i) => i.changelog.map((c) => c.id)));
  raise('link', site.links.map((l) => l.id));
  raise('notification', site.notifications.map((n) => n.id));
  raise('sprint', site.sprints.map((s) => s.id));
  raise('board', site.boards.map((b) => b.id));
  raise('status', site.statuses.map((s) => s.id));
  raise('issueType', site.issueTypes.map((t) => t.id));
  // Custom field ids continue after Jira Software's own (Sprint is customfield_10020).
  raise('field', [...site.fields.map((f) => f.id.replace(/^customfield_/, '')), SPRINT_FIELD.replace(/^customfield_/, '')]);
  raise('project', site.projects.map((p) => p.id));
  // Workflow ids are opaque strings (uuids in Jira); only numeric suffixes we minted count.
  raise('workflow', site.workflows.map((w) => w.id.replace(/^.*-/, '')).filter((s) => /^\d+$/.test(s)));
}

/** Appends one changelog entry (when there is something to record) and stamps `updated`. */
export function recordChange(ctx: RequestContext, issue: SandboxIssue, items: ChangelogItem[], at = ctx.now()): void {
  const stamp = jiraDateTime(at);
  issue.updated = stamp;
  if (items.length === 0) return;
  const id = nextId(ctx.site, 'changelog');
  issue.changelog.push({ id: String(id), author: ctx.user.accountId, created: stamp, items });
}

export function jiraItem(field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null): ChangelogItem {
  return { field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString };
}
