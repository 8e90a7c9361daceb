/**
 * Forge `displayConditions` of the modules the shell shows on an issue (jira:issuePanel), as
 * Atlassian documents them (manifest-reference/display-conditions and .../display-conditions/jira):
 * the logical operators `and`, `or`, `not` (several conditions side by side mean `and`), and the
 * issue view conditions on the displayed issue and its project — `issueKey`, `issueId`,
 * `issueType` (the issue type's NAME), `projectKey`, `projectId`, `projectType`, `projectName`, each
 * a string or a list of which any may match — and `hasProjectPermission` (the viewer's project
 * permission with that key, in the page's project or the issue's), from what Jira's
 * /mypermissions said for the viewer. Other conditions (entity properties, Jira expressions) are
 * not evaluated here: they count as met, and the shell says so once in its log. A condition on a
 * fact the view does not have (an issue type on a project page) does not hold.
 */

export interface IssueViewFacts {
  issueKey: string;
  issueId: string;
  /** The issue type's name (Forge compares names, e.g. `issueType: Bug`). */
  issueType: string;
  projectKey: string;
  projectId: string;
  projectType: string;
  projectName: string;
}

/** What a project page is shown with: its project, and the viewer's project permissions there. */
export type ViewFacts = Partial<IssueViewFacts> & {
  /** The project permission keys the viewer holds; without it, `hasProjectPermission` is not evaluated. */
  projectPermissions?: ReadonlySet<string>;
};

/** The conditions evaluated here: each is named after the fact it compares. */
const MATCHED: ReadonlySet<string> = new Set<keyof IssueViewFacts>(['issueKey', 'issueId', 'issueType', 'projectKey', 'projectId', 'projectType', 'projectName']);

const warned = new Set<string>();

function notEvaluated(name: string): true {
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`Liaison local host: the display condition '${name}' is not evaluated locally; it counts as met`);
  }
  return true;
}

function anyOf(expected: unknown, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const values = Array.isArray(expected) ? expected : [expected];
  return values.some((v) => (typeof v === 'string' || typeof v === 'number') && String(v) === actual);
}

/** A list of condition objects (`and: [..]`) or one object of conditions side by side (`and: {..}`). */
function parts(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => ({ [k]: v }));
  return [];
}

/** Whether one level of conditions holds (its entries all hold: `and` by default). */
export function conditionsHold(conditions: unknown, facts: ViewFacts): boolean {
  if (conditions === undefined || conditions === null) return true;
  if (typeof conditions !== 'object' || Array.isArray(conditions)) return false;
  return Object.entries(conditions as Record<string, unknown>).every(([name, value]) => {
    switch (name) {
      case 'and':
        return parts(value).every((p) => conditionsHold(p, facts));
      case 'or':
        return parts(value).some((p) => conditionsHold(p, facts));
      case 'not':
        return !parts(value).every((p) => conditionsHold(p, facts));
      case 'hasProjectPermission':
        return facts.projectPermissions ? typeof value === 'string' && facts.projectPermissions.has(value) : notEvaluated(name);
      default:
        return MATCHED.has(name) ? anyOf(value, facts[name as keyof IssueViewFacts]) : notEvaluated(name);
    }
  });
}

/** The project permission keys `hasProjectPermission` conditions name, at any depth (what to ask /mypermissions for). */
export function projectPermissionsNamed(conditions: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'hasProjectPermission' && typeof inner === 'string') found.add(inner);
      else walk(inner);
    }
  };
  walk(conditions);
  return [...found].sort();
}
