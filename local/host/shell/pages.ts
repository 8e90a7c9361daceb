/**
 * The shell's pages: project list, issue list (JQL), issue view with the app's issue panels and
 * Forge custom fields, and the app's project / global / admin pages in Custom UI iframes.
 * Every Jira fact on a page is read through Jira's REST API as the acting user.
 */
import { conditionsHold, type IssueViewFacts } from './displayConditions';
import type { CustomFieldModule, UiModule } from '../manifest';
import { runtimeIds } from '../runtime';
import { SPRINT_FIELD, STORY_POINTS_FIELD } from '../../jira/model';
import {
  adfToHtml, avatar, breadcrumbs, esc, formatDate, formatDateTime, issueTypeIcon, jsonAttr, lozenge, person, projectAvatar, sectionMessage,
} from './html';
import { renderFieldValue } from './fieldValue';
import { getIssue, getProject, getTransitions, listFields, listProjects, searchIssues, type JiraField, type JiraIssue, type JiraProject } from './jira';
import { appFrame, appSidebar, customUiContext, errorPage, projectSidebar, render, type FrameSpec, type Page, type PageContext } from './page';

export async function projectsPage(ctx: PageContext): Promise<Page> {
  let projects: JiraProject[];
  try {
    projects = await listProjects(ctx.who);
  } catch (e) {
    return errorPage(ctx, e, 'projects');
  }
  const rows = projects
    .map(
      (p) => `<tr><td><a class="project-cell" href="/projects/${encodeURIComponent(p.key)}/issues">${projectAvatar(p)}${esc(p.name)}</a></td><td>${esc(p.key)}</td><td>${p.projectTypeKey === 'business' ? 'Business' : 'Software'}</td><td>${p.lead ? person(p.lead) : ''}</td></tr>`,
    )
    .join('');
  const content = `<h1>Projects</h1>
${projects.length ? `<table class="projects-table"><caption class="visually-hidden">Projects ${esc(ctx.actor.displayName)} can browse</caption><thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Lead</th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="empty">${esc(ctx.actor.displayName)} cannot browse any project.</p>`}`;
  return render(ctx, 'Projects', 'projects', content);
}

export const ISSUES_PAGE_SIZE = 50;

export async function issuesPage(ctx: PageContext, projectKey: string, query: { jql?: string; next?: string; page?: string }): Promise<Page> {
  let project: JiraProject;
  try {
    project = await getProject(ctx.who, projectKey);
  } catch (e) {
    return errorPage(ctx, e, `project ${projectKey}`);
  }
  const base = `/projects/${encodeURIComponent(project.key)}/issues`;
  const sidebar = await projectSidebar(ctx, project, base);
  const defaultJql = `project = "${project.key}" ORDER BY created DESC`;
  const jql = query.jql?.trim() || defaultJql;
  const pageNo = Math.max(1, Number(query.page) || 1);
  let result: Awaited<ReturnType<typeof searchIssues>> | undefined;
  let searchError: string | undefined;
  try {
    result = await searchIssues(ctx.who, { jql, fields: ['summary', 'status', 'issuetype', 'assignee', 'duedate', 'priority'], maxResults: ISSUES_PAGE_SIZE, nextPageToken: query.next || undefined });
  } catch (e) {
    searchError = (e as Error).message;
  }
  const today = new Date().toISOString().slice(0, 10);
  const rows = (result?.issues ?? [])
    .map((i) => {
      const f = i.fields as Record<string, any>;
      const overdue = f.duedate && f.duedate < today && f.status?.statusCategory?.key !== 'done';
      return `<tr>
<td>${issueTypeIcon(f.issuetype)}</td>
<td class="key"><a href="/browse/${encodeURIComponent(i.key)}">${esc(i.key)}</a></td>
<td><a href="/browse/${encodeURIComponent(i.key)}">${esc(f.summary)}</a></td>
<td>${lozenge(f.status)}</td>
<td>${person(f.assignee)}</td>
<td${overdue ? ' class="overdue"' : ''}>${formatDate(f.duedate)}${overdue ? '<span class="visually-hidden"> (overdue)</span>' : ''}</td>
</tr>`;
    })
    .join('');
  const q = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(jql !== defaultJql ? { jql } : {}), ...extra }).toString()}`;
  const pager = result
    ? `<nav class="pager" aria-label="Pages"><span>Page ${pageNo}</span>${pageNo > 1 ? `<a class="button" href="${esc(q({}))}">First page</a>` : ''}${result.nextPageToken ? `<a class="button" rel="next" href="${esc(q({ next: result.nextPageToken, page: String(pageNo + 1) }))}">Next page</a>` : ''}</nav>`
    : '';
  const content = `${breadcrumbs([{ href: '/', text: 'Projects' }, { href: base, text: project.name }, { text: 'Issues' }])}
<h1>Issues</h1>
<form class="jql-form" method="get" action="${base}" role="search">
  <label for="jql">JQL</label>
  <input id="jql" name="jql" value="${esc(jql)}" spellcheck="false" autocomplete="off">
  <button class="button primary" type="submit">Search</button>
</form>
${searchError ? sectionMessage('error', 'Your JQL could not be run', searchError) : ''}
${
  result && result.issues.length
    ? `<table class="issues"><caption class="visually-hidden">Issues matching ${esc(jql)}</caption><thead><tr><th scope="col"><span class="visually-hidden">Type</span></th><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">Due date</th></tr></thead><tbody>${rows}</tbody></table>${pager}`
    : result
      ? '<p class="empty">No issues match this search.</p>'
      : ''
}`;
  return render(ctx, `Issues - ${project.name}`, 'projects', content, sidebar);
}

/**
 * The Jira field behind a Forge custom field module: Jira names it after the module's extension id,
 * which carries the app and the environment (another environment's field of the same module is
 * another field, as on a site with development and production installed).
 */
export function forgeFieldFor(fields: JiraField[], module: CustomFieldModule): JiraField | undefined {
  const { appId, environmentId } = runtimeIds();
  const extensionId = `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${module.key}`;
  return fields.find((f) => f.custom && (f.schema?.custom === extensionId || (typeof f.schema?.custom === 'string' && f.schema.custom.endsWith(`:${module.key}`))));
}

export async function issuePage(ctx: PageContext, issueKey: string, notice?: { kind: 'error' | 'info'; title: string; text: string }, opts: { addedPanel?: string } = {}): Promise<Page> {
  const manifest = ctx.app.manifest;
  let fields: JiraField[] = [];
  let issue: JiraIssue;
  try {
    fields = await listFields(ctx.who);
    const forgeIds = manifest.customFields.map((m) => forgeFieldFor(fields, m)?.id).filter((x): x is string => !!x);
    issue = await getIssue(ctx.who, issueKey, [
      'summary', 'status', 'issuetype', 'priority', 'assignee', 'reporter', 'created', 'updated', 'duedate', 'labels', 'description', 'comment', 'project', 'parent', 'resolutiondate',
      STORY_POINTS_FIELD, SPRINT_FIELD, ...forgeIds,
    ]);
  } catch (e) {
    return errorPage(ctx, e, `issue ${issueKey}`);
  }
  const f = issue.fields as Record<string, any>;
  const project = f.project as JiraProject;
  const projectInfo = { id: project?.id, key: project?.key, type: project?.projectTypeKey };
  const issueInfo = { id: issue.id, key: issue.key, type: f.issuetype?.name, typeId: f.issuetype?.id };
  let transitions: { id: string; name: string }[] = [];
  try {
    transitions = (await getTransitions(ctx.who, issue.key)).transitions;
  } catch {
    transitions = []; // no TRANSITION_ISSUES permission: Jira shows no transitions either
  }

  // Jira shows an issue panel only where its manifest displayConditions hold (issue type, project, ...).
  const viewFacts: IssueViewFacts = {
    issueKey: issue.key, issueId: String(issue.id), issueType: String(f.issuetype?.name ?? ''),
    projectKey: String(project?.key ?? ''), projectId: String(project?.id ?? ''), projectType: String(project?.projectTypeKey ?? ''), projectName: String(project?.name ?? ''),
  };
  // Jira offers a panel where its displayConditions hold, and shows it once it was added to the
  // issue (or an administrator shows it on all issues); the others are buttons in the apps menu.
  const offered = manifest.issuePanels.filter((p) => p.resource && conditionsHold(p.raw.displayConditions, viewFacts));
  const panelStore = ctx.issuePanels;
  const isShown = (key: string) => !panelStore || panelStore.shows(String(issue.id), key);
  const iconOf = (p: { icon?: string }) => (p.icon && /^(https?:|\/)/.test(p.icon) ? `<img class="module-icon" src="${esc(p.icon)}" alt="">` : '<span class="app-icon" aria-hidden="true"></span>');
  const panelAction = (action: string, moduleKey: string, label: string, button: { cls?: string; resource?: string } = {}) =>
    `<form method="post" action="/browse/${encodeURIComponent(issue.key)}/panels" class="panel-action"><input type="hidden" name="action" value="${esc(action)}"><input type="hidden" name="moduleKey" value="${esc(moduleKey)}"><button class="${button.cls ?? 'button subtle'}" type="submit"${button.resource ? ` data-add-panel-resource="${esc(button.resource)}"` : ''}>${label}</button></form>`;
  const panels = offered
    .filter((p) => isShown(p.key))
    .map((p) => {
      const spec: FrameSpec = {
        kind: 'panel',
        moduleKey: p.key,
        resource: p.resource!,
        historyBase: `/browse/${issue.key}`,
        context: customUiContext(ctx, p.key, { type: 'jira:issuePanel', issue: issueInfo, project: projectInfo, isNewToIssue: opts.addedPanel === p.key }),
      };
      const shownForAll = panelStore?.isShownForAll(p.key) ?? false;
      const menu = [
        shownForAll ? '' : panelAction('remove', p.key, `Remove<span class="visually-hidden"> ${esc(p.title)}</span>`),
        ctx.jiraAdmin ? panelAction(shownForAll ? 'hide-all' : 'show-all', p.key, `${shownForAll ? 'Hide from' : 'Show for'} all work items<span class="visually-hidden"> (${esc(p.title)})</span>`) : '',
      ].join('');
      return `<section class="panel-card" aria-labelledby="panel-${esc(p.key)}"><h2 id="panel-${esc(p.key)}">${iconOf(p)}${esc(p.title)}</h2>${panelStore ? `<div class="panel-menu">${menu}</div>` : ''}${appFrame(ctx, spec, p.title, 'panel-frame')}</section>`;
    })
    .join('');
  const addable = offered.filter((p) => !isShown(p.key));
  const appsMenu = addable.length
    ? `<div class="issue-apps" role="group" aria-label="Apps">${addable
        .map((p) => panelAction('add', p.key, `${iconOf(p)}${esc(p.title)}`, { cls: 'button add-panel', resource: p.resource }))
        .join('')}</div>`
    : '';

  const customFieldRows = manifest.customFields
    .map((m) => {
      const field = forgeFieldFor(fields, m);
      if (!field) return '';
      const value = f[field.id];
      // The extension context Forge gives a custom field's view and edit entry points on the issue view (jira:customField "Extension data").
      const extension = (entryPoint: string) => ({ type: m.type, entryPoint, fieldValue: value ?? null, fieldId: field.id, fieldType: field.schema?.custom ?? m.fieldType, issue: issueInfo, project: projectInfo, renderContext: 'issue-view', experience: 'issue-view' });
      // Jira renders a view resource only in the experiences it opts into; elsewhere the formatter (or the raw value).
      const shown = m.viewResource && m.viewExperiences.includes('issue-view')
        ? appFrame(ctx, { kind: 'field-view', moduleKey: m.key, resource: m.viewResource, historyBase: `/browse/${issue.key}`, context: customUiContext(ctx, m.key, extension('view')) }, m.name, 'field-frame')
        : renderFieldValue(m, value, {
            fieldId: field.id,
            issue: { id: issue.id, key: issue.key, summary: f.summary },
            project: { id: project?.id, key: project?.key, name: project?.name },
            user: { accountId: ctx.actor.accountId, displayName: ctx.actor.displayName },
          });
      // A read-only field is set by the app only: Jira offers no edit, whatever the manifest's edit entry.
      const edit = m.editResource && !m.readOnly
        ? `<button type="button" class="button field-edit" data-edit-field="${jsonAttr({ moduleKey: m.key, resource: m.editResource, title: `Edit ${m.name}`, fieldId: field.id, issueKey: issue.key, context: customUiContext(ctx, m.key, extension('edit')) })}">Edit<span class="visually-hidden"> ${esc(m.name)}</span></button>`
        : '';
      return `<dt>${esc(field.name)}</dt><dd>${shown}${edit}</dd>`;
    })
    .join('');

  const sprints = Array.isArray(f[SPRINT_FIELD]) ? (f[SPRINT_FIELD] as { name: string; state: string }[]) : [];
  const sprint = [...sprints].reverse().find((s) => s.state !== 'closed') ?? sprints[sprints.length - 1];
  const comments = ((f.comment?.comments ?? []) as { id: string; author?: { accountId: string; displayName: string }; body: unknown; created: string; visibility?: { value: string } }[])
    .map(
      (c) => `<li class="activity-item">${avatar(c.author, 'large')}<div><div><span class="who">${esc(c.author?.displayName ?? 'Unknown')}</span> <span class="meta">${formatDateTime(c.created, ctx.actor.timeZone)}</span>${c.visibility ? ` <span class="restricted">Restricted to ${esc(c.visibility.value)}</span>` : ''}</div><div>${adfToHtml(c.body)}</div></div></li>`,
    )
    .join('');
  const history = [...(issue.changelog?.histories ?? [])]
    .sort((a, b) => (a.created < b.created ? 1 : -1))
    .map(
      (h) => `<li class="activity-item">${avatar(h.author, 'large')}<div><div><span class="who">${esc(h.author?.displayName ?? 'Jira')}</span> <span class="meta">${formatDateTime(h.created, ctx.actor.timeZone)}</span></div>${h.items
        .map((it) => `<div class="change">changed the <strong>${esc(it.field)}</strong>: ${esc(it.fromString ?? 'None')} → ${esc(it.toString ?? 'None')}</div>`)
        .join('')}</div></li>`,
    )
    .join('');

  const transitionForm = transitions.length
    ? `<form method="post" action="/browse/${encodeURIComponent(issue.key)}/transition" class="status-row">
  ${lozenge(f.status)}
  <label class="visually-hidden" for="transition">Transition issue</label>
  <select id="transition" name="transitionId">${transitions.map((t) => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join('')}</select>
  <button class="button" type="submit">Transition</button>
</form>`
    : `<div class="status-row">${lozenge(f.status)}</div>`;

  const base = `/projects/${encodeURIComponent(project.key)}/issues`;
  const content = `${breadcrumbs([{ href: '/', text: 'Projects' }, { href: base, text: project.name }, ...(f.parent ? [{ href: `/browse/${encodeURIComponent(f.parent.key)}`, text: f.parent.key }] : []), { text: issue.key }])}
${notice ? sectionMessage(notice.kind, notice.title, notice.text) : ''}
<div class="issue-view">
  <div class="issue-main">
    <h1>${issueTypeIcon(f.issuetype)} ${esc(f.summary)}</h1>
    ${appsMenu}
    <section class="description" aria-labelledby="desc-h"><h2 class="section" id="desc-h">Description</h2>${f.description ? adfToHtml(f.description) : '<p class="restricted">Add a description…</p>'}</section>
    ${panels}
    <section aria-labelledby="activity-h">
      <h2 class="section" id="activity-h">Activity</h2>
      <div role="tablist" aria-label="Activity">
        <button type="button" role="tab" id="tab-comments" aria-controls="activity-comments" aria-selected="true">Comments</button>
        <button type="button" role="tab" id="tab-history" aria-controls="activity-history" aria-selected="false">History</button>
      </div>
      <div role="tabpanel" id="activity-comments" aria-labelledby="tab-comments"><ul class="activity" style="list-style:none;padding:0">${comments || '<li class="empty">No comments yet.</li>'}</ul></div>
      <div role="tabpanel" id="activity-history" aria-labelledby="tab-history"><ul class="activity" style="list-style:none;padding:0">${history || '<li class="empty">No changes yet.</li>'}</ul></div>
    </section>
  </div>
  <aside aria-label="Issue details">
    ${transitionForm}
    <section class="details" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      <dl>
        <dt>Assignee</dt><dd>${person(f.assignee)}</dd>
        <dt>Reporter</dt><dd>${person(f.reporter)}</dd>
        <dt>Labels</dt><dd>${(f.labels ?? []).length ? (f.labels as string[]).map((l) => `<span class="label-chip">${esc(l)}</span>`).join('') : 'None'}</dd>
        <dt>Sprint</dt><dd>${sprint ? esc(sprint.name) : 'None'}</dd>
        <dt>Story point estimate</dt><dd>${f[STORY_POINTS_FIELD] ?? 'None'}</dd>
        <dt>Due date</dt><dd>${f.duedate ? formatDate(f.duedate) : 'None'}</dd>
        <dt>Priority</dt><dd>${esc(f.priority?.name ?? 'None')}</dd>
        ${customFieldRows}
      </dl>
    </section>
    <div class="dates">Created ${formatDateTime(f.created, ctx.actor.timeZone)}<br>Updated ${formatDateTime(f.updated, ctx.actor.timeZone)}${f.resolutiondate ? `<br>Resolved ${formatDateTime(f.resolutiondate, ctx.actor.timeZone)}` : ''}</div>
  </aside>
</div>`;
  return render(ctx, `[${issue.key}] ${f.summary}`, 'projects', content, await projectSidebar(ctx, project, ''));
}

export async function projectAppPage(ctx: PageContext, projectKey: string, moduleKey: string, route: string): Promise<Page> {
  const module = ctx.app.manifest.projectPages.find((p) => p.key === moduleKey);
  let project: JiraProject;
  try {
    project = await getProject(ctx.who, projectKey);
  } catch (e) {
    return errorPage(ctx, e, `project ${projectKey}`);
  }
  const historyBase = `/projects/${encodeURIComponent(project.key)}/apps/${moduleKey}`;
  const current = route ? `${historyBase}/${route}` : historyBase;
  // Reached by its address, the page still opens where its conditions do not hold (display
  // conditions are not access control): the app's own role checks answer the viewer.
  const sidebar = await projectSidebar(ctx, project, current);
  if (!module?.resource) return render(ctx, 'App not found', 'projects', `<h1>App page not found</h1>${sectionMessage('warning', 'No such project page', `manifest.yml declares no jira:projectPage '${moduleKey}' with a resource.`)}`, sidebar, 404);
  const spec: FrameSpec = {
    kind: 'page',
    moduleKey,
    resource: module.resource,
    historyBase,
    context: customUiContext(ctx, moduleKey, { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: project.projectTypeKey } }),
  };
  const sub = module.pages.find((p) => p.route === route);
  const content = `${breadcrumbs([{ href: '/', text: 'Projects' }, { href: `/projects/${encodeURIComponent(project.key)}/issues`, text: project.name }, { href: historyBase, text: module.title }, ...(sub ? [{ text: sub.title }] : [])])}
${appFrame(ctx, spec, module.title, 'page-frame')}`;
  return render(ctx, `${module.title} - ${project.name}`, 'projects', content, sidebar);
}

/** Where Jira puts an app's Configure page (`jira:adminPage` with `useAsConfig`): `/jira/settings/apps/configure/{appId}/{envId}`. */
export function configurePath(): string {
  const { appId, environmentId } = runtimeIds();
  return `/admin/apps/configure/${appId}/${environmentId}`;
}

/** The admin page reached through Manage apps → Configure, if the manifest declares one. */
export function configModule(ctx: Pick<PageContext, 'app'>): UiModule | undefined {
  return ctx.app.manifest.adminPages.find((p) => p.useAsConfig);
}

const MANAGE_APPS = '/admin/manage-apps';

export function appPage(ctx: PageContext, kind: 'jira:globalPage' | 'jira:adminPage', moduleKey: string, route: string): Page {
  const admin = kind === 'jira:adminPage';
  // The settings sidebar lists admin pages, but not the Configure page (Jira shows it only from Manage apps).
  const list = admin ? ctx.app.manifest.adminPages.filter((p) => !p.useAsConfig) : ctx.app.manifest.globalPages;
  const hrefOf = (m: UiModule) => (admin ? `/admin/apps/${m.key}` : `/apps-global/${m.key}`);
  const module = (admin ? ctx.app.manifest.adminPages : list).find((p) => p.key === moduleKey);
  const configure = admin && module?.useAsConfig === true;
  const historyBase = configure ? configurePath() : admin ? `/admin/apps/${moduleKey}` : `/apps-global/${moduleKey}`;
  const sidebar = appSidebar(admin ? 'Apps settings' : 'Apps', list, hrefOf, route ? `${historyBase}/${route}` : historyBase);
  if (!module?.resource) return render(ctx, 'App not found', admin ? 'settings' : 'apps', `<h1>App page not found</h1>${sectionMessage('warning', 'No such page', `manifest.yml declares no ${kind} '${moduleKey}' with a resource.`)}`, sidebar, 404);
  const spec: FrameSpec = { kind: 'page', moduleKey, resource: module.resource, historyBase, context: customUiContext(ctx, moduleKey, { type: kind }) };
  const trail = configure
    ? [{ text: 'Settings' }, { text: 'Apps' }, { href: MANAGE_APPS, text: 'Manage apps' }, { text: `${module.title}: Configure` }]
    : admin
      ? [{ text: 'Settings' }, { text: 'Apps' }, { text: module.title }]
      : [{ text: 'Apps' }, { text: module.title }];
  const content = `${breadcrumbs(trail)}
${appFrame(ctx, spec, module.title, 'page-frame')}`;
  return render(ctx, module.title, admin ? 'settings' : 'apps', content, sidebar);
}

/** Settings → Apps → Manage apps: the installed app, with a Configure button when it has a `useAsConfig` page. */
export function manageAppsPage(ctx: PageContext): Page {
  const config = configModule(ctx);
  const list = ctx.app.manifest.adminPages.filter((p) => !p.useAsConfig);
  const sidebar = appSidebar('Apps settings', list, (m) => `/admin/apps/${m.key}`, MANAGE_APPS);
  const name = config?.title ?? ctx.app.manifest.adminPages[0]?.title ?? ctx.app.manifest.globalPages[0]?.title ?? 'App';
  const { appId, environmentId } = runtimeIds();
  const button = config ? `<a class="button primary" href="${esc(configurePath())}">Configure</a>` : '';
  const content = `${breadcrumbs([{ text: 'Settings' }, { text: 'Apps' }, { text: 'Manage apps' }])}
<h1>Manage apps</h1>
<section class="managed-app" aria-label="${esc(name)}">
  <h2>${esc(name)}</h2>
  <p>Forge app <code>${esc(appId)}</code>, environment <code>${esc(environmentId)}</code>.</p>
  ${button}
</section>`;
  return render(ctx, 'Manage apps', 'settings', content, sidebar);
}

export function notFoundPage(ctx: PageContext): Page {
  return render(ctx, 'Page not found', 'none', `<h1>Page not found</h1><p>There is no page at ${esc(ctx.path)}. <a href="/">Go to your projects</a>.</p>`, undefined, 404);
}
