/**
 * Jira's Dashboards page in the shell: the acting person's own dashboard with the app's
 * `jira:dashboardGadget` modules as gadgets. Each gadget runs its Custom UI resource with the
 * context Jira gives a gadget (`gadgetConfiguration`, `dashboard.id`, `gadget.id`); its edit view
 * (`edit.resource`, opened with `entryPoint: 'edit'`, and straight away while it is unconfigured, as
 * Jira does for a new gadget) saves its configuration with `view.submit(config)`.
 */
import type { DashboardRecord, GadgetRecord } from '../dashboards';
import type { UiModule } from '../manifest';
import { breadcrumbs, esc, sectionMessage } from './html';
import { appFrame, customUiContext, render, type FrameSpec, type Page, type PageContext } from './page';

function editResourceOf(module: UiModule): string | undefined {
  const edit = module.raw.edit as { resource?: unknown } | undefined;
  return typeof edit?.resource === 'string' ? edit.resource : undefined;
}

function gadgetSection(ctx: PageContext, dashboard: DashboardRecord, gadget: GadgetRecord, module: UiModule, editing: boolean): string {
  const base = `/dashboards/${encodeURIComponent(dashboard.id)}`;
  const editResource = editResourceOf(module);
  const inEdit = !!editResource && (editing || gadget.config === null);
  const resource = inEdit ? editResource : module.resource;
  const headingId = `gadget-${esc(gadget.id)}-title`;
  if (!resource) {
    return `<section class="gadget" aria-labelledby="${headingId}"><h2 id="${headingId}">${esc(module.title)}</h2>${sectionMessage('warning', 'This gadget has no resource', `manifest.yml declares no resource for '${module.key}'.`)}</section>`;
  }
  const spec: FrameSpec = {
    kind: inEdit ? 'gadget-edit' : 'gadget',
    moduleKey: module.key,
    resource,
    historyBase: base,
    context: customUiContext(ctx, module.key, {
      type: 'jira:dashboardGadget',
      gadgetConfiguration: gadget.config ?? {},
      dashboard: { id: dashboard.id },
      gadget: { id: gadget.id },
      ...(inEdit ? { entryPoint: 'edit' } : {}),
    }),
    gadget: { dashboardId: dashboard.id, gadgetId: gadget.id, viewUrl: base },
  };
  const actions = inEdit
    ? gadget.config !== null
      ? `<a class="button" href="${base}">Cancel<span class="visually-hidden"> editing ${esc(module.title)}</span></a>`
      : ''
    : editResource
      ? `<a class="button" href="${base}?edit=${encodeURIComponent(gadget.id)}">Edit<span class="visually-hidden"> ${esc(module.title)}</span></a>`
      : '';
  const title = inEdit ? `${module.title}: configure` : module.title;
  return `<section class="gadget" aria-labelledby="${headingId}" data-gadget="${esc(gadget.id)}" data-module="${esc(module.key)}">
  <div class="gadget-header"><h2 id="${headingId}">${esc(title)}</h2>${actions}</div>
  ${appFrame(ctx, spec, title, 'gadget-frame')}
</section>`;
}

export function dashboardPage(ctx: PageContext, dashboard: DashboardRecord, opts: { edit?: string }): Page {
  const modules = new Map(ctx.app.manifest.dashboardGadgets.map((m) => [m.key, m]));
  const gadgets = dashboard.gadgets
    .map((gadget) => {
      const module = modules.get(gadget.moduleKey);
      return module ? gadgetSection(ctx, dashboard, gadget, module, opts.edit === gadget.id) : '';
    })
    .filter(Boolean)
    .join('');
  const content = `${breadcrumbs([{ href: '/dashboards', text: 'Dashboards' }, { text: dashboard.name }])}
<h1>${esc(dashboard.name)}</h1>
${gadgets ? `<div class="gadgets">${gadgets}</div>` : '<p class="empty">No app provides a dashboard gadget (manifest.yml declares no jira:dashboardGadget).</p>'}`;
  return render(ctx, `${dashboard.name} - Dashboards`, 'dashboards', content);
}
