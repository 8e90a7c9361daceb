/**
 * What compiling one query needs to know about the site: the environment (caller, clock) and
 * lookups built once per query (projects, statuses, users, sprints, issues by key), so that the
 * per-issue predicates are plain Set/Map probes.
 */
import type { SandboxIssue, SandboxProject, SandboxUser, SiteData, SprintDef, StatusCategoryKey } from '../model';
import { canBrowse, findUser } from '../rest/access';

export interface JqlEnv {
  site: SiteData;
  /** The caller's account id; null for an anonymous caller (currentUser() then matches nobody). */
  currentUser: string | null;
  now: Date;
}

const lazy = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
};

const lower = (s: string): string => s.toLowerCase();

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export class CompileContext {
  readonly site: SiteData;
  readonly now: Date;
  readonly currentUser: string | null;
  readonly jql: string;
  private readonly caller: SandboxUser | undefined;

  constructor(env: JqlEnv, jql: string) {
    if (!env || !env.site || !Array.isArray(env.site.issues)) throw new TypeError('compileJql: env.site must be a SiteData');
    if (!(env.now instanceof Date) || Number.isNaN(env.now.getTime())) throw new TypeError('compileJql: env.now must be a valid Date');
    this.site = env.site;
    this.now = env.now;
    this.currentUser = env.currentUser ?? null;
    this.jql = jql;
    this.caller = this.currentUser === null ? undefined : findUser(this.site, this.currentUser);
  }

  /**
   * Whether values in this project may be named in the query. As on Jira, a project the caller
   * cannot browse does not exist for them. Without a caller (a query compiled outside a request)
   * every project counts; the search endpoint still filters results by permission.
   */
  readonly canSeeProject = (project: SandboxProject): boolean => {
    if (this.currentUser === null) return true;
    return !!this.caller && canBrowse(project, this.caller);
  };

  readonly projectById = lazy(() => new Map(this.site.projects.map((p) => [p.id, p])));
  readonly projectsByKey = lazy(() => groupBy(this.site.projects, (p) => lower(p.key)));
  readonly projectsByName = lazy(() => groupBy(this.site.projects, (p) => lower(p.name)));

  readonly statusesByName = lazy(() => groupBy(this.site.statuses, (s) => lower(s.name)));
  readonly statusCategoryById = lazy(() => new Map<string, StatusCategoryKey>(this.site.statuses.map((s) => [s.id, s.statusCategory])));
  readonly statusOrder = lazy(() => new Map(this.site.statuses.map((s, i) => [s.id, i])));

  readonly issueTypesByName = lazy(() => groupBy(this.site.issueTypes, (t) => lower(t.name)));
  readonly issueTypeOrder = lazy(() => new Map(this.site.issueTypes.map((t, i) => [t.id, i])));

  readonly prioritiesByName = lazy(() => groupBy(this.site.priorities, (p) => lower(p.name)));
  /** Priority rank: the first priority of the site (Highest) ranks highest. */
  readonly priorityRank = lazy(() => new Map(this.site.priorities.map((p, i) => [p.id, this.site.priorities.length - i])));

  readonly userById = lazy(() => new Map(this.site.users.map((u) => [u.accountId, u])));
  readonly usersByEmail = lazy(() => groupBy(this.site.users.filter((u) => u.emailAddress), (u) => lower(u.emailAddress)));
  readonly usersByName = lazy(() => groupBy(this.site.users, (u) => lower(u.displayName)));

  readonly sprintById = lazy(() => new Map<number, SprintDef>(this.site.sprints.map((s) => [s.id, s])));
  readonly sprintsByName = lazy(() => groupBy(this.site.sprints, (s) => lower(s.name)));

  readonly issueByKey = lazy(() => new Map<string, SandboxIssue>(this.site.issues.map((i) => [i.key.toUpperCase(), i])));
  readonly issueById = lazy(() => new Map<string, SandboxIssue>(this.site.issues.map((i) => [i.id, i])));
  readonly issueKeyById = lazy(() => new Map<string, string>(this.site.issues.map((i) => [i.id, i.key])));
}
