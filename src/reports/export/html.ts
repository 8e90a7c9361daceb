/**
 * The report as one self-contained HTML file: inline CSS, the charts as inline SVG (the same visx
 * components the Reports page shows, rendered on the server), no scripts, nothing to fetch (no
 * fonts or images), so it opens offline, prints, and can be mailed. Every issue it names links to
 * the issue in Jira, and a capped list links to the Jira search holding all of it.
 */
import type { OverallStatus, ReportModel, ReportSection } from '../domain/model';
import { chartSvg } from './charts/chartSvg';
import { STATUS_COLOURS } from './charts/theme';
import { issueRuns, issueUrl, moreText, reportDocument, searchUrl, type Block, type DocLinks, type More } from './document';
import { statusLabel } from './format';
import type { DocTable } from './tables';
import { escapeHtml } from '../../platform/domain/escapeHtml';


const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#F7F8F9;color:#172B4D;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:32px 40px;background:#fff}
header{border-bottom:2px solid #DCDFE4;padding-bottom:16px;margin-bottom:8px}
h1{font-size:24px;line-height:1.25;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 12px;padding-top:16px;border-top:1px solid #DCDFE4}
h3{font-size:14px;margin:20px 0 8px}
.sub{color:#44546F;margin:0}
.meta{color:#626F86;font-size:12px;margin:4px 0 0}
.lozenge{display:inline-block;padding:2px 8px;border-radius:3px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.status{display:flex;gap:12px;align-items:center;margin:8px 0}
.status .lozenge{font-size:14px;padding:4px 12px}
.narrative{margin:8px 0 12px;padding:8px 12px;border-left:3px solid #0C66E4;background:#F0F6FF;white-space:pre-wrap}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px;margin:12px 0;padding:0;list-style:none}
.figures li{border:1px solid #DCDFE4;border-radius:6px;padding:8px 12px}
.figures .label{display:block;color:#626F86;font-size:12px}
.figures .value{display:block;font-size:18px;font-weight:600}
.figures .detail{display:block;color:#626F86;font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:13px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #DCDFE4;vertical-align:top}
th{color:#44546F;font-size:12px;border-bottom-width:2px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#626F86;font-size:12px;margin:4px 0 12px}
figure{margin:12px 0}
figcaption{font-weight:600;margin-bottom:4px}
figure svg{max-width:100%;height:auto}
section:first-of-type h2{border-top:0;padding-top:0}
.omitted{background:#F7F8F9;border:1px solid #DCDFE4;border-radius:6px;padding:8px 12px;margin:12px 0}
@media print{body{background:#fff}main{padding:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}}
`;

/** Text with every issue key the report names linked to the issue in Jira. */
function linked(text: string, links: DocLinks): string {
  return issueRuns(text, links)
    .map((run) => {
      if (typeof run === 'string') return escapeHtml(run);
      const url = issueUrl(links, run.key);
      return url ? `<a href="${escapeHtml(url)}">${escapeHtml(run.key)}</a>` : escapeHtml(run.key);
    })
    .join('');
}

function moreHtml(more: More, links: DocLinks): string {
  const url = more.jql ? searchUrl(links, more.jql) : undefined;
  return `<p class="note">${escapeHtml(moreText(more))}${url ? ` <a href="${escapeHtml(url)}">All ${more.total} in Jira</a>` : ''}</p>`;
}

function tableHtml(table: DocTable, links: DocLinks, note?: string, more?: More): string {
  const cls = (align: string) => (align === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c) => `<th scope="col"${cls(c.align)}>${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(table.columns[i].align)}>${linked(cell, links)}</td>`).join('')}</tr>`).join('\n');
  const foot = (note ? `\n<p class="note">${linked(note, links)}</p>` : '') + (more ? `\n${moreHtml(more, links)}` : '');
  return `<table data-table="${escapeHtml(table.name)}"><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${foot}`;
}

function blockHtml(model: ReportModel, b: Block, links: DocLinks): string {
  switch (b.type) {
    case 'status': {
      const colours = STATUS_COLOURS[b.status];
      const reasons = b.reasons.length > 0 ? `<ul>${b.reasons.map((r) => `<li>${linked(r, links)}</li>`).join('')}</ul>` : '';
      const override = b.overrideReason ? `<p><strong>Why:</strong> ${linked(b.overrideReason, links)}</p>` : '';
      const computed = b.computed ? `<p class="note">${escapeHtml(b.computed)}</p>` : '';
      return `<div class="status"><span class="lozenge" style="color:${colours.text};background:${colours.background}">${escapeHtml(b.label)}</span></div>${override}${computed}${reasons}`;
    }
    case 'narrative':
      return `<div class="narrative">${linked(b.text, links)}</div>`;
    case 'figures':
      return `<ul class="figures">${b.figures
        .map((f) => `<li><span class="label">${escapeHtml(f.label)}</span><span class="value">${linked(f.value, links)}</span>${f.detail ? `<span class="detail">${linked(f.detail, links)}</span>` : ''}</li>`)
        .join('')}</ul>`;
    case 'list':
      return `<h3>${escapeHtml(b.title)}</h3><ul>${b.items.map((i) => `<li>${linked(i, links)}</li>`).join('')}</ul>`;
    case 'table':
      return tableHtml(b.table, links, b.note, b.more);
    case 'chart': {
      const svg = chartSvg(model, b.chart, { width: 860, height: b.chart === 'epics' ? undefined : 240, fontSize: 12 });
      return svg ? `<figure><figcaption>${escapeHtml(b.title)}</figcaption>${svg}</figure>` : '';
    }
    case 'note':
      return `<p class="note">${linked(b.text, links)}</p>`;
  }
}

/** The whole report, or one section of it, as a self-contained HTML document. */
export function reportHtml(model: ReportModel, section?: ReportSection): string {
  const doc = reportDocument(model, section);
  const colours = STATUS_COLOURS[doc.status];
  const omitted =
    doc.omitted.length > 0 && !section ? `<div class="omitted"><strong>Not in this report</strong><ul>${doc.omitted.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul></div>` : '';
  const sections = doc.sections
    .map((s) => `<section id="${s.id}" aria-labelledby="h-${s.id}"><h2 id="h-${s.id}">${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => blockHtml(model, b, doc.links)).join('\n')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.title} — ${doc.subtitle}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(doc.title)}</h1>
<p class="sub">${escapeHtml(doc.subtitle)} · <span class="lozenge" style="color:${colours.text};background:${colours.background}">${escapeHtml(statusLabel(doc.status))}</span></p>
<p class="meta">${escapeHtml(doc.generated)}</p>
</header>
${omitted}
${sections}
</main>
</body>
</html>
`;
}
