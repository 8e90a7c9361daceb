/**
 * The report as a PDF, made on the server with pdfkit; charts are the visx components rendered to
 * SVG (react-dom/server) and drawn with svg-to-pdfkit, so the PDF shows the same charts as the
 * Reports page. The executive audience gets its one-page summary (pdfExecutive.ts); every other
 * audience, and any single section, gets the document laid out section by section.
 */
import type { ReportModel, ReportSection } from '../domain/model';
import { chartSvg, type ChartKind } from './charts/chartSvg';
import { issueRuns, issueUrl, moreText, reportDocument, searchUrl, type Block, type DocLinks } from './document';
import { statusLabel } from './format';
import { executivePdf } from './pdfExecutive';
import { COLOURS, FONT, FONT_BOLD, pdfInfo, PdfWriter } from './pdfWriter';

const CHART_HEIGHTS: Partial<Record<ChartKind, number>> = { sprints: 175, burnUp: 175, hoursByEpic: 175, hoursByPerson: 175 };

/** The first issue a text names, as its Jira address (a cell or bullet naming an issue links to it). */
export function firstIssueLink(links: DocLinks): (text: string) => string | undefined {
  return (text) => {
    const run = issueRuns(text, links).find((r) => typeof r !== 'string');
    return run && typeof run !== 'string' ? issueUrl(links, run.key) : undefined;
  };
}

/** Roughly how tall a block's start is: a section title stays on the page with it. */
function leadHeight(pdf: PdfWriter, model: ReportModel, block: Block | undefined): number {
  if (!block) return 20;
  switch (block.type) {
    case 'chart':
      return (CHART_HEIGHTS[block.chart] ?? 175) + 20;
    case 'table':
      return pdf.tableHead(block.table);
    case 'narrative':
      return Math.min(pdf.measure(block.text, pdf.width - 20, 9.5) + 12, 120);
    case 'figures':
      return 60;
    case 'status':
      return 60;
    default:
      return 40;
  }
}

function drawBlock(pdf: PdfWriter, model: ReportModel, block: Block, links: DocLinks): void {
  switch (block.type) {
    case 'status': {
      pdf.ensure(60);
      const top = pdf.y;
      pdf.lozenge(block.status, block.label, pdf.left, top, 11);
      pdf.y = top + 28;
      if (block.overrideReason) pdf.text(`Why: ${block.overrideReason}`, { size: 9.5 });
      if (block.computed) pdf.note(block.computed);
      if (block.reasons.length > 0) pdf.bullets(block.reasons);
      pdf.gap(4);
      return;
    }
    case 'narrative':
      pdf.narrative(block.text);
      return;
    case 'figures':
      pdf.figures(block.figures);
      return;
    case 'list':
      pdf.subTitle(block.title);
      pdf.bullets(block.items);
      pdf.gap(4);
      return;
    case 'table':
      pdf.table(block.table, block.note);
      if (block.more) {
        const url = block.more.jql ? searchUrl(links, block.more.jql) : undefined;
        pdf.ensure(14);
        pdf.doc.font(FONT).fontSize(8).fillColor(url ? COLOURS.link : COLOURS.subtlest).text(`${moreText(block.more)}${url ? ` All ${block.more.total} in Jira.` : ''}`, pdf.left, pdf.y, { width: pdf.width, ...(url ? { link: url } : {}) });
        pdf.gap(6);
      }
      return;
    case 'chart': {
      const svg = chartSvg(model, block.chart, { width: pdf.width, height: CHART_HEIGHTS[block.chart], fontSize: 8, fontFamily: FONT });
      if (!svg) return;
      const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 175);
      pdf.subTitle(block.title, height);
      const top = pdf.y;
      pdf.svg(svg, pdf.left, top, pdf.width, height);
      pdf.y = top + height + 8;
      return;
    }
    case 'note':
      pdf.note(block.text);
      return;
  }
}

/** The full report (or one section) laid out for print. */
export async function documentPdf(model: ReportModel, section?: ReportSection): Promise<Buffer> {
  const doc = reportDocument(model, section);
  const pdf = new PdfWriter(pdfInfo(model, section));
  pdf.linkFor = firstIssueLink(doc.links);
  // Title block: project and audience, period, status, when it was made.
  pdf.text(doc.title, { size: 18, font: FONT_BOLD });
  pdf.gap(2);
  const top = pdf.y;
  pdf.doc.font(FONT).fontSize(10.5).fillColor(COLOURS.subtle).text(doc.subtitle, pdf.left, top, { lineBreak: false });
  const after = pdf.left + pdf.doc.widthOfString(doc.subtitle) + 10;
  pdf.lozenge(doc.status, statusLabel(doc.status), after, top - 2.5, 8);
  pdf.y = top + 18;
  pdf.text(doc.generated, { size: 8, colour: COLOURS.subtlest });
  if (doc.omitted.length > 0 && !section) {
    pdf.gap(6);
    pdf.text(`Not in this report: ${doc.omitted.join(' ')}`, { size: 8.5, colour: COLOURS.subtle });
  }
  pdf.gap(6);
  for (const s of doc.sections) {
    // The title keeps the start of its first block with it: no heading alone at a page's foot.
    pdf.sectionTitle(s.title, leadHeight(pdf, model, s.blocks[0]));
    for (const block of s.blocks) drawBlock(pdf, model, block, doc.links);
  }
  return pdf.finish();
}

/**
 * The report as a PDF: the executive audience's whole report is the one-page summary; any other
 * audience, or one section on its own, is the full document.
 */
export function reportPdf(model: ReportModel, section?: ReportSection): Promise<Buffer> {
  if (model.audience === 'executive' && !section) return executivePdf(model);
  return documentPdf(model, section);
}
