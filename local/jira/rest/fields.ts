/**
 * The site's field catalogue: Jira's system fields, the Jira Software fields every software site
 * has (Sprint, Story point estimate), and the site's own custom fields (incl. Forge fields
 * registered from manifest.yml). Site-declared fields win over the built-ins with the same id.
 */
import { SPRINT_FIELD, STORY_POINTS_FIELD, type FieldDef, type SiteData } from '../model';

function system(id: string, name: string, schema: FieldDef['schema'], clauseNames: string[], opts: Partial<Pick<FieldDef, 'navigable' | 'orderable' | 'searchable'>> = {}): FieldDef {
  return {
    id, key: id, name, custom: false, schema, clauseNames,
    navigable: opts.navigable ?? true, orderable: opts.orderable ?? true, searchable: opts.searchable ?? true,
  };
}

export const SYSTEM_FIELDS: FieldDef[] = [
  system('issuekey', 'Key', undefined, ['id', 'issue', 'issuekey', 'key'], { orderable: false }),
  system('summary', 'Summary', { type: 'string', system: 'summary' }, ['summary']),
  system('description', 'Description', { type: 'string', system: 'description' }, ['description']),
  system('issuetype', 'Issue Type', { type: 'issuetype', system: 'issuetype' }, ['issuetype', 'type']),
  system('project', 'Project', { type: 'project', system: 'project' }, ['project']),
  system('status', 'Status', { type: 'status', system: 'status' }, ['status'], { orderable: false }),
  system('statusCategory', 'Status Category', { type: 'statusCategory', system: 'statusCategory' }, ['statusCategory'], { orderable: false }),
  system('priority', 'Priority', { type: 'priority', system: 'priority' }, ['priority']),
  system('assignee', 'Assignee', { type: 'user', system: 'assignee' }, ['assignee']),
  system('reporter', 'Reporter', { type: 'user', system: 'reporter' }, ['reporter']),
  system('creator', 'Creator', { type: 'user', system: 'creator' }, ['creator'], { orderable: false }),
  system('created', 'Created', { type: 'datetime', system: 'created' }, ['created', 'createdDate'], { orderable: false }),
  system('updated', 'Updated', { type: 'datetime', system: 'updated' }, ['updated', 'updatedDate'], { orderable: false }),
  system('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }, ['resolution']),
  system('resolutiondate', 'Resolved', { type: 'datetime', system: 'resolutiondate' }, ['resolutiondate', 'resolved'], { orderable: false }),
  system('statuscategorychangedate', 'Status Category Changed', { type: 'datetime', system: 'statuscategorychangedate' }, ['statusCategoryChangedDate'], { orderable: false }),
  system('duedate', 'Due date', { type: 'date', system: 'duedate' }, ['due', 'duedate']),
  system('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }, ['labels']),
  system('parent', 'Parent', { type: 'issuelink', system: 'parent' }, ['parent']),
  system('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks', system: 'subtasks' }, ['subtasks'], { orderable: false }),
  system('issuelinks', 'Linked Issues', { type: 'array', items: 'issuelinks', system: 'issuelinks' }, ['issueLink']),
  system('comment', 'Comment', { type: 'comments-page', system: 'comment' }, ['comment'], { navigable: false }),
  system('worklog', 'Log Work', { type: 'array', items: 'worklog', system: 'worklog' }, ['worklogAuthor', 'worklogComment', 'worklogDate'], { navigable: false }),
  system('timespent', 'Time Spent', { type: 'number', system: 'timespent' }, ['timespent'], { orderable: false }),
];

export const SOFTWARE_FIELDS: FieldDef[] = [
  {
    id: SPRINT_FIELD, key: SPRINT_FIELD, name: 'Sprint', custom: true,
    schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: Number(SPRINT_FIELD.split('_')[1]) },
    clauseNames: [`cf[${SPRINT_FIELD.split('_')[1]}]`, 'Sprint'], navigable: true, orderable: true, searchable: true,
  },
  {
    id: STORY_POINTS_FIELD, key: STORY_POINTS_FIELD, name: 'Story point estimate', custom: true,
    schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: Number(STORY_POINTS_FIELD.split('_')[1]) },
    clauseNames: [`cf[${STORY_POINTS_FIELD.split('_')[1]}]`, 'Story point estimate'], navigable: true, orderable: true, searchable: true,
  },
];

/** Every field of the site, system fields first. */
export function allFields(site: SiteData): FieldDef[] {
  const declared = new Map(site.fields.map((f) => [f.id, f]));
  const builtIn = [...SYSTEM_FIELDS, ...SOFTWARE_FIELDS].map((f) => declared.get(f.id) ?? f);
  const builtInIds = new Set(builtIn.map((f) => f.id));
  return [...builtIn, ...site.fields.filter((f) => !builtInIds.has(f.id))];
}

/** The fields an issue carries in `fields` (everything but the `issuekey` pseudo-field). */
export function issueFields(site: SiteData): FieldDef[] {
  return allFields(site).filter((f) => f.id !== 'issuekey');
}

export function findField(site: SiteData, idOrKey: string): FieldDef | undefined {
  return issueFields(site).find((f) => f.id === idOrKey || f.key === idOrKey);
}

/**
 * Resolves a `fields` selection (`*all`, `*navigable`, ids/keys, `-id` exclusions) to field ids,
 * the way Jira reads it. `defaultSelection` applies when only exclusions (or nothing) are given.
 */
export function selectFields(site: SiteData, requested: string[] | undefined, defaultSelection: '*all' | '*navigable' | 'none'): Set<string> {
  const fields = issueFields(site);
  const selected = new Set<string>();
  const include = (token: string): void => {
    if (token === '*all') fields.forEach((f) => selected.add(f.id));
    else if (token === '*navigable') fields.filter((f) => f.navigable).forEach((f) => selected.add(f.id));
    else if (token === 'none' || token === '*none') return;
    else {
      const field = findField(site, token);
      if (field) selected.add(field.id);
    }
  };
  const tokens = requested ?? [];
  const inclusions = tokens.filter((t) => !t.startsWith('-'));
  const exclusions = tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1));
  if (inclusions.length === 0) include(defaultSelection);
  inclusions.forEach(include);
  for (const token of exclusions) {
    const field = findField(site, token);
    if (field) selected.delete(field.id);
  }
  return selected;
}
