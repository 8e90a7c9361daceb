/**
 * A small layout layer over pdfkit for the report PDFs: an A4 page with the Inter font embedded,
 * headings, paragraphs, the PM's narrative, figure tiles, lists, tables that break across pages
 * (repeating their header) and charts placed from SVG (svg-to-pdfkit).
 *
 * Forge: pdfkit and svg-to-pdfkit are plain JavaScript (no native modules). pdfkit's 14 standard
 * fonts are AFM files it loads at run time through createRequire, which webpack (Forge's packager)
 * does not bundle: the document is made with `font: null` and only the Inter font from
 * fonts/interFont.ts (a string in a module, so always bundled) is used. Nothing is read from disk.
 */
// `require` form on purpose: a bundler then takes pdfkit's CommonJS build (js/pdfkit.js), whose
// module-level code runs anywhere; its ES build resolves a data file against `import.meta.url`,
// which a CommonJS bundle (esbuild, or webpack without asset handling) leaves undefined.
import PDFDocument = require('pdfkit');
import SVGtoPDF = require('svg-to-pdfkit');
import { inflateSync } from 'node:zlib';
import { REPORT_SECTION_TITLES, type OverallStatus, type ReportModel, type ReportSection } from '../domain/model';
import { AUDIENCE_TITLES, periodTitle } from './format';
import type { Figure } from './document';
import { INTER_REGULAR_DEFLATED_BASE64, INTER_SEMIBOLD_DEFLATED_BASE64 } from './fonts/interFont';
import { STATUS_COLOURS } from './charts/theme';
import type { DocTable } from './tables';

export const FONT = 'Inter';
export const FONT_BOLD = 'Inter-SemiBold';

export const COLOURS = {
  text: '#172B4D',
  subtle: '#44546F',
  subtlest: '#626F86',
  border: '#DCDFE4',
  surface: '#F7F8F9',
  brand: '#0C66E4',
  link: '#0C66E4',
  narrative: '#F0F6FF',
  warning: '#FFF7D6',
  warningBorder: '#E2B203',
};

let fonts: { regular: Buffer; semibold: Buffer } | undefined;
function interFonts(): { regular: Buffer; semibold: Buffer } {
  fonts ??= {
    regular: inflateSync(Buffer.from(INTER_REGULAR_DEFLATED_BASE64, 'base64')),
    semibold: inflateSync(Buffer.from(INTER_SEMIBOLD_DEFLATED_BASE64, 'base64')),
  };
  return fonts;
}

export interface PdfInfo {
  title: string;
  subject: string;
  /** Printed at the foot of every page. */
  footer: string;
}

/** The document's title, subject and footer line. */
export function pdfInfo(model: ReportModel, section?: ReportSection): PdfInfo {
  const what = `${model.projectName} — ${AUDIENCE_TITLES[model.audience]}`;
  return {
    title: `${what}, ${periodTitle(model.period)}`,
    subject: `Liaison stakeholder report for ${model.projectKey}`,
    footer: `${what} · ${periodTitle(model.period)}${section ? ` · ${REPORT_SECTION_TITLES[section]}` : ''} · Liaison`,
  };
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    private readonly info: PdfInfo,
    readonly margin = 42,
  ) {
    // `font: null`: no standard (AFM) font is ever loaded; see the header comment.
    this.doc = new PDFDocument({
      size: 'A4',
      margin,
      bufferPages: true,
      font: null as unknown as string,
      lang: 'en',
      displayTitle: true,
      info: { Title: info.title, Subject: info.subject, Author: 'Liaison', Creator: 'Liaison for Jira' },
    });
    const { regular, semibold } = interFonts();
    this.doc.registerFont(FONT, regular);
    this.doc.registerFont(FONT_BOLD, semibold);
    this.doc.font(FONT).fontSize(10).fillColor(COLOURS.text);
    this.left = margin;
    this.width = this.doc.page.width - margin * 2;
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  /** The Jira address of the issue a text names (set by the document's renderer): cells and bullets naming one link to it. */
  linkFor: (text: string) => string | undefined = () => undefined;

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** The lowest y the content may reach (the footer lives below it). */
  get bottom(): number {
    return this.doc.page.height - this.margin - 6;
  }

  /** A new page unless `height` more fits on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.margin;
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  /** Height of text at a width in a font and size. */
  measure(text: string, width: number, size: number, font = FONT, lineGap = 1.5): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap });
  }

  text(text: string, options: { size?: number; font?: string; colour?: string; x?: number; width?: number; lineGap?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    const size = options.size ?? 10;
    const width = options.width ?? this.width;
    const lineGap = options.lineGap ?? 1.5;
    this.ensure(Math.min(this.measure(text, width, size, options.font, lineGap), size * 3));
    this.doc
      .font(options.font ?? FONT)
      .fontSize(size)
      .fillColor(options.colour ?? COLOURS.text)
      .text(text, options.x ?? this.left, this.doc.y, { width, lineGap, align: options.align ?? 'left' });
  }

  /** A section's title with a rule above it; keeps `keepWith` points of what follows on the same page. */
  sectionTitle(title: string, keepWith = 90): void {
    this.ensure(28 + keepWith);
    if (this.doc.y > this.margin + 4) {
      this.gap(10);
      this.doc.moveTo(this.left, this.doc.y).lineTo(this.left + this.width, this.doc.y).lineWidth(0.75).strokeColor(COLOURS.border).stroke();
      this.gap(8);
    }
    this.text(title, { size: 14, font: FONT_BOLD });
    this.gap(4);
  }

  subTitle(title: string, keepWith = 40): void {
    this.ensure(16 + keepWith);
    this.gap(4);
    this.text(title, { size: 10, font: FONT_BOLD, colour: COLOURS.text });
    this.gap(2);
  }

  /** The PM's words: a tinted box with a blue bar at the left. */
  narrative(text: string): void {
    const inner = this.width - 20;
    const height = this.measure(text, inner, 9.5) + 12;
    this.ensure(height);
    const top = this.doc.y;
    this.doc.rect(this.left, top, this.width, height).fill(COLOURS.narrative);
    this.doc.rect(this.left, top, 3, height).fill(COLOURS.brand);
    this.doc.font(FONT).fontSize(9.5).fillColor(COLOURS.text).text(text, this.left + 12, top + 6, { width: inner, lineGap: 1.5 });
    this.doc.y = top + height + 6;
  }

  /** A status lozenge at (x, y); returns its width. */
  lozenge(status: OverallStatus, label: string, x: number, y: number, size = 9): number {
    const colours = STATUS_COLOURS[status];
    const text = label.toUpperCase();
    this.doc.font(FONT_BOLD).fontSize(size);
    const width = this.doc.widthOfString(text, { characterSpacing: 0.3 }) + size * 1.4;
    const height = size * 1.9;
    this.doc.roundedRect(x, y, width, height, 3).fill(colours.background);
    this.doc.fillColor(colours.text).text(text, x + size * 0.7, y + size * 0.42, { lineBreak: false, characterSpacing: 0.3 });
    return width;
  }

  /** Headline figures as tiles, `perRow` across. */
  figures(figures: Figure[], perRow = Math.min(5, Math.max(1, figures.length))): void {
    const gap = 8;
    const tileWidth = (this.width - gap * (perRow - 1)) / perRow;
    for (let start = 0; start < figures.length; start += perRow) {
      const row = figures.slice(start, start + perRow);
      const inner = tileWidth - 16;
      const heights = row.map((f) => this.measure(f.label, inner, 7.5) + this.measure(f.value, inner, 13, FONT_BOLD) + (f.detail ? this.measure(f.detail, inner, 7.5) : 0) + 14);
      const height = Math.max(...heights);
      this.ensure(height + gap);
      const top = this.doc.y;
      row.forEach((f, i) => {
        const x = this.left + i * (tileWidth + gap);
        this.doc.roundedRect(x, top, tileWidth, height, 4).lineWidth(0.75).strokeColor(COLOURS.border).stroke();
        this.doc.font(FONT).fontSize(7.5).fillColor(COLOURS.subtlest).text(f.label, x + 8, top + 6, { width: inner, lineGap: 1 });
        this.doc.font(FONT_BOLD).fontSize(13).fillColor(COLOURS.text).text(f.value, x + 8, this.doc.y + 1, { width: inner, lineGap: 1 });
        if (f.detail) this.doc.font(FONT).fontSize(7.5).fillColor(COLOURS.subtlest).text(f.detail, x + 8, this.doc.y, { width: inner, lineGap: 1 });
      });
      this.doc.x = this.left;
      this.doc.y = top + height + gap;
    }
  }

  bullets(items: string[], options: { size?: number; colour?: string } = {}): void {
    const size = options.size ?? 9.5;
    for (const item of items) {
      const height = this.measure(item, this.width - 14, size);
      this.ensure(height + 2);
      const top = this.doc.y;
      this.doc.circle(this.left + 4, top + size * 0.6, 1.6).fill(options.colour ?? COLOURS.subtle);
      const link = this.linkFor(item);
      this.doc.font(FONT).fontSize(size).fillColor(COLOURS.text).text(item, this.left + 14, top, { width: this.width - 14, lineGap: 1.5, ...(link ? { link } : {}) });
      this.doc.y += 2;
    }
    this.doc.x = this.left;
  }

  note(text: string): void {
    this.text(text, { size: 8, colour: COLOURS.subtlest });
    this.gap(4);
  }

  /** The height a table's caption, header and first row take: what must stay together on a page. */
  tableHead(table: DocTable): number {
    const totalWeight = table.columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = table.columns.map((c) => (this.width * c.weight) / totalWeight);
    const rowHeight = (cells: string[], font: string) => Math.max(...cells.map((cell, i) => this.measure(cell, widths[i] - 8, 8.5, font, 1))) + 8;
    return 22 + rowHeight(table.columns.map((c) => c.header), FONT_BOLD) + rowHeight(table.rows[0] ?? table.columns.map((c) => c.header), FONT);
  }

  /** A table with a caption; breaks across pages and repeats its header row (never a header alone at a page's foot). */
  table(table: DocTable, note?: string): void {
    const size = 8.5;
    const pad = 4;
    const totalWeight = table.columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = table.columns.map((c) => (this.width * c.weight) / totalWeight);
    const rowHeight = (cells: string[], font: string) => Math.max(...cells.map((cell, i) => this.measure(cell, widths[i] - pad * 2, size, font, 1))) + pad * 2;
    const drawRow = (cells: string[], font: string, colour: string, rule: number) => {
      const height = rowHeight(cells, font);
      const top = this.doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        const link = font === FONT ? this.linkFor(cell) : undefined;
        this.doc.font(font).fontSize(size).fillColor(link ? COLOURS.link : colour).text(cell, x + pad, top + pad, { width: widths[i] - pad * 2, align: table.columns[i].align, lineGap: 1, ...(link ? { link } : {}) });
        x += widths[i];
      });
      this.doc.moveTo(this.left, top + height).lineTo(this.left + this.width, top + height).lineWidth(rule).strokeColor(COLOURS.border).stroke();
      this.doc.x = this.left;
      this.doc.y = top + height;
    };
    const header = table.columns.map((c) => c.header);
    const headerHeight = rowHeight(header, FONT_BOLD);
    this.subTitle(table.title, headerHeight + rowHeight(table.rows[0] ?? header, FONT));
    drawRow(header, FONT_BOLD, COLOURS.subtle, 1.25);
    for (const row of table.rows) {
      if (this.doc.y + rowHeight(row, FONT) > this.bottom) {
        this.newPage();
        drawRow(header, FONT_BOLD, COLOURS.subtle, 1.25);
      }
      drawRow(row, FONT, COLOURS.text, 0.5);
    }
    this.gap(3);
    if (note) this.note(note);
    else this.gap(4);
  }

  /** An SVG (a chart) drawn at the given box, with the Inter font for its text. */
  svg(svg: string, x: number, y: number, width: number, height: number): void {
    SVGtoPDF(this.doc, svg, x, y, {
      width,
      height,
      assumePt: true,
      fontCallback: (_family: string, bold: boolean) => (bold ? FONT_BOLD : FONT),
      warningCallback: () => undefined,
    });
    this.doc.x = this.left;
  }

  /** Page footers ("… · Page 2 of 5"), then the finished file. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Below the bottom margin: lift the margin while writing, or pdfkit would start a new page.
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - this.margin + 10;
      this.doc.font(FONT).fontSize(7.5).fillColor(COLOURS.subtlest);
      this.doc.text(this.info.footer, this.left, y, { width: this.width * 0.75, lineBreak: false, ellipsis: true, height: 10 });
      this.doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      this.doc.page.margins.bottom = bottomMargin;
    }
    this.doc.end();
    return this.done;
  }
}
