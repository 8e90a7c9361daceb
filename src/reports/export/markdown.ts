/**
 * The report as Markdown (GitHub-flavoured: pipe tables), for pasting into a wiki, a chat or an
 * e-mail. Charts become their numbers (the burn-up as a table; the others' numbers are in the
 * tables beside them). Text from Jira is escaped so it cannot turn into markup or raw HTML.
 */
import type { ReportModel, ReportSection } from '../domain/model';
import { issueRuns, issueUrl, moreText, reportDocument, searchUrl, type Block, type DocLinks, type More } from './document';
import { docTable, type DocTable } from './tables';

/** Escapes what Markdown would read as markup (and HTML, which Markdown passes through). */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Escaped text with every issue key the report names as a link to Jira. */
function mdLinked(text: string, links: DocLinks): string {
  return issueRuns(text, links)
    .map((run) => {
      if (typeof run === 'string') return mdText(run);
      const url = issueUrl(links, run.key);
      return url ? `[${run.key}](${url})` : run.key;
    })
    .join('');
}

function mdMore(more: More, links: DocLinks): string {
  const url = more.jql ? searchUrl(links, more.jql) : undefined;
  return `_${mdText(moreText(more))}_${url ? ` [All ${more.total} in Jira](${url.replace(/\)/g, '%29')})` : ''}`;
}

function mdTable(table: DocTable, links?: DocLinks): string[] {
  const header = `| ${table.columns.map((c) => mdText(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [header, rule, ...table.rows.map((row) => `| ${row.map((cell) => (links ? mdLinked(cell, links) : mdText(cell))).join(' | ')} |`)];
}

function block(model: ReportModel, b: Block, links: DocLinks): string[] {
  const mdText = (text: string) => mdLinked(text, links);
  switch (b.type) {
    case 'status':
      return [
        `**Status: ${b.label}**${b.overrideReason ? ` — ${mdText(b.overrideReason)}` : ''}`,
        ...(b.computed ? ['', `_${mdText(b.computed)}_`] : []),
        ...(b.reasons.length > 0 ? ['', ...b.reasons.map((r) => `- ${mdText(r)}`)] : []),
      ];
    case 'narrative':
      return b.text.split(/\r?\n\s*\r?\n/).map((p) => `> ${mdText(p.trim())}`);
    case 'figures':
      return b.figures.map((f) => `- **${mdText(f.label)}:** ${mdText(f.value)}${f.detail ? ` (${mdText(f.detail)})` : ''}`);
    case 'list':
      return [`**${mdText(b.title)}**`, '', ...b.items.map((i) => `- ${mdText(i)}`)];
    case 'table':
      return [`**${mdText(b.table.title)}**`, '', ...mdTable(b.table, links), ...(b.note ? ['', `_${mdText(b.note)}_`] : []), ...(b.more ? ['', mdMore(b.more, links)] : [])];
    case 'chart': {
      if (b.chart !== 'burnUp') return [];
      const burnUp = docTable(model, 'burn-up');
      return burnUp ? [`**${mdText(b.title)}**`, '', ...mdTable(burnUp)] : [];
    }
    case 'note':
      return [`_${mdText(b.text)}_`];
  }
}

/** The whole report, or one section of it, as Markdown. */
export function reportMarkdown(model: ReportModel, section?: ReportSection): string {
  const doc = reportDocument(model, section);
  const lines: string[] = [`# ${mdText(doc.title)}`, '', `${mdText(doc.subtitle)}  `, `_${mdText(doc.generated)}_`];
  if (doc.omitted.length > 0 && !section) lines.push('', ...doc.omitted.map((o) => `> **Not in this report:** ${mdText(o)}`));
  for (const s of doc.sections) {
    lines.push('', `## ${mdText(s.title)}`);
    for (const b of s.blocks) {
      const out = block(model, b, doc.links);
      if (out.length > 0) lines.push('', ...out);
    }
  }
  return `${lines.join('\n')}\n`;
}
