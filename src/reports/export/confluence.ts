/**
 * The report as a Confluence page body in storage format (XHTML with `ac:` macros), for
 * `POST /wiki/api/v2/pages` with `body.representation = "storage"`. The status is Confluence's
 * Status macro; the PM's narrative an Info panel; charts are Confluence's own Chart macro over a
 * table of the numbers (a page cannot hold inline SVG), so the page stays editable in Confluence.
 */
import type { OverallStatus, ReportModel, ReportSection } from '../domain/model';
import { issueRuns, moreText, reportDocument, searchUrl, type Block, type DocLinks, type More } from './document';
import { AUDIENCE_TITLES, periodTitle, statusLabel } from './format';
import { escapeHtml } from '../../platform/domain/escapeHtml';
import { docTable, type DocTable } from './tables';

const STATUS_MACRO_COLOUR: Record<OverallStatus, string> = { 'on-track': 'Green', 'at-risk': 'Yellow', 'off-track': 'Red' };

/** XML text: storage format is XHTML, so only the XML entities. */
const xml = (text: string) => escapeHtml(text);

function macro(name: string, parameters: Record<string, string>, body?: string): string {
  const params = Object.entries(parameters)
    .map(([key, value]) => `<ac:parameter ac:name="${xml(key)}">${xml(value)}</ac:parameter>`)
    .join('');
  return `<ac:structured-macro ac:name="${name}">${params}${body ?? ''}</ac:structured-macro>`;
}

function statusMacro(status: OverallStatus, label: string): string {
  return macro('status', { colour: STATUS_MACRO_COLOUR[status], title: label });
}

/** Confluence's Jira issue macro: the page shows the issue live (status, summary) and links to it. */
export function jiraIssueMacro(key: string): string {
  return macro('jira', { key });
}

/** Text with every issue key the report names as a Jira issue macro. */
function linked(text: string, links: DocLinks): string {
  return issueRuns(text, links)
    .map((run) => (typeof run === 'string' ? xml(run) : jiraIssueMacro(run.key)))
    .join('');
}

function moreXml(more: More, links: DocLinks): string {
  const url = more.jql ? searchUrl(links, more.jql) : undefined;
  return `<p><em>${xml(moreText(more))}</em>${url ? ` <a href="${xml(url)}">All ${more.total} in Jira</a>` : ''}</p>`;
}

function tableXml(table: DocTable, links?: DocLinks): string {
  const head = `<tr>${table.columns.map((c) => `<th>${xml(c.header)}</th>`).join('')}</tr>`;
  const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${links ? linked(cell, links) : xml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table data-layout="full-width"><tbody>${head}${rows}</tbody></table>`;
}

/** Confluence's Chart macro reads its data from the table in its body (first column: categories). */
function chartMacro(title: string, type: 'bar' | 'line', table: DocTable, columns: number[]): string {
  const data: DocTable = {
    ...table,
    columns: columns.map((i) => table.columns[i]),
    rows: table.rows.map((row) => columns.map((i) => (i === columns[0] ? row[i] : row[i].replace(/[^\d.-]/g, '') || '0'))),
  };
  return macro('chart', { type, title, width: '720', height: '300', dataOrientation: 'vertical' }, `<ac:rich-text-body>${tableXml(data)}</ac:rich-text-body>`);
}

function blockXml(model: ReportModel, b: Block, links: DocLinks): string {
  const xml = (text: string) => linked(text, links);
  switch (b.type) {
    case 'status':
      return [
        `<p><strong>Status:</strong> ${statusMacro(b.status, b.label)}</p>`,
        b.overrideReason ? `<p><strong>Why:</strong> ${xml(b.overrideReason)}</p>` : '',
        b.computed ? `<p><em>${xml(b.computed)}</em></p>` : '',
        b.reasons.length > 0 ? `<ul>${b.reasons.map((r) => `<li>${xml(r)}</li>`).join('')}</ul>` : '',
      ].join('');
    case 'narrative':
      return macro('info', { title: 'From the project manager' }, `<ac:rich-text-body><p>${xml(b.text)}</p></ac:rich-text-body>`);
    case 'figures':
      return `<table><tbody>${b.figures.map((f) => `<tr><th>${xml(f.label)}</th><td>${xml(f.value)}${f.detail ? ` (${xml(f.detail)})` : ''}</td></tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<h3>${xml(b.title)}</h3><ul>${b.items.map((i) => `<li>${xml(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<h3>${xml(b.table.title)}</h3>${tableXml(b.table, links)}${b.note ? `<p><em>${xml(b.note)}</em></p>` : ''}${b.more ? moreXml(b.more, links) : ''}`;
    case 'chart':
      return chartXml(model, b);
    case 'note':
      return macro('note', {}, `<ac:rich-text-body><p>${xml(b.text)}</p></ac:rich-text-body>`);
  }
}

function chartXml(model: ReportModel, b: Extract<Block, { type: 'chart' }>): string {
  switch (b.chart) {
    case 'sprints': {
      const t = docTable(model, 'progress-sprints');
      if (!t) return '';
      // The same bars as the PDF/HTML chart: committed, done of committed (when the model has it), done incl. added.
      const headers = ['Sprint', 'Committed points', 'Committed points done', 'Points done incl. added'];
      const columns = headers.map((h) => t.columns.findIndex((c) => c.header === h)).filter((i) => i >= 0);
      return chartMacro(b.title, 'bar', t, columns);
    }
    case 'burnUp': {
      const t = docTable(model, 'burn-up');
      return t ? chartMacro(b.title, 'line', t, [0, 1, 2]) : '';
    }
    case 'hoursByEpic': {
      const t = docTable(model, 'manpower-epic');
      return t ? chartMacro(b.title, 'bar', t, [0, 3, 2]) : '';
    }
    default:
      // Epic completion and hours per person: their tables follow on the page.
      return '';
  }
}

/** The whole report, or one section, as a Confluence storage-format page body. */
export function confluenceStorage(model: ReportModel, section?: ReportSection): string {
  const doc = reportDocument(model, section);
  const parts = [pageProperties(model, doc.status), `<p><em>${xml(doc.generated)}</em></p>`];
  if (doc.omitted.length > 0 && !section) parts.push(macro('note', { title: 'Not in this report' }, `<ac:rich-text-body><ul>${doc.omitted.map((o) => `<li>${xml(o)}</li>`).join('')}</ul></ac:rich-text-body>`));
  for (const s of doc.sections) {
    parts.push(`<h2>${xml(s.title)}</h2>`);
    for (const b of s.blocks) parts.push(blockXml(model, b, doc.links));
  }
  return parts.join('\n');
}

/**
 * Confluence's Page Properties macro over the report's key facts, so a Page Properties Report on a
 * parent page rolls every report page up into one table (project, period, audience, status…).
 */
function pageProperties(model: ReportModel, status: OverallStatus): string {
  const row = (name: string, value: string) => `<tr><th>${xml(name)}</th><td>${value}</td></tr>`;
  const body = [
    row('Project', xml(`${model.projectName} (${model.projectKey})`)),
    row('Period', xml(periodTitle(model.period))),
    row('Audience', xml(AUDIENCE_TITLES[model.audience])),
    row('Status', statusMacro(status, statusLabel(status))),
    row('Finished', xml(`${model.completed.total}`)),
    row('Open red flags', xml(`${model.headline.openFlags}`)),
    row('Change requests pending', xml(`${model.headline.pendingChanges}`)),
  ].join('');
  return macro('details', { id: 'liaison-report' }, `<ac:rich-text-body><table><tbody>${body}</tbody></table></ac:rich-text-body>`);
}

/** The page title Confluence needs (unique in its space): project, audience and period. */
export function confluenceTitle(model: ReportModel): string {
  return `${model.projectName} — ${AUDIENCE_TITLES[model.audience]} — ${periodTitle(model.period)}`;
}
