/**
 * The executive report: ONE page a director reads in a minute. Top to bottom, in the order the
 * questions come: are we on track (status, why, the PM's words), the numbers, what do you need from
 * me (decisions), the trend (two charts), what is wrong (top problems, what waits on the client),
 * and what comes next. Every list takes only the room left on the page and says how many more the
 * manager report has, so the page never spills onto a second one whatever the project's size.
 */
import { decisionLines } from './planLines';
import type { ReportFlag, ReportModel } from '../domain/model';
import { chartSvg } from './charts/chartSvg';
import { STATUS_COLOURS } from './charts/theme';
import { AUDIENCE_TITLES, committedDone, day, flagCategoryLabel, instant, num, overrideAuthor, periodTitle, plural, range, statusLabel } from './format';
import { COLOURS, FONT, FONT_BOLD, pdfInfo, PdfWriter } from './pdfWriter';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];
const SEVERITY_COLOURS: Record<string, string> = { critical: '#C9372C', high: '#E56910', medium: '#E2B203', low: '#8590A2' };
const LINE = 13.5; // one 9-point line of Inter with its gap, rounded up
const SIZE = 9;

/** The height of one line of text in pdfkit (its line height plus the gap). */
function lineHeight(pdf: PdfWriter, size: number, font = FONT): number {
  return pdf.measure('Hg', 1000, size, font, size * 0.25);
}

/** The height `text` takes at `width`, at most `maxLines` lines. */
function clampedHeight(pdf: PdfWriter, text: string, width: number, size = SIZE, maxLines = 2, font = FONT): number {
  return Math.min(pdf.measure(text, width, size, font, size * 0.25), lineHeight(pdf, size, font) * maxLines);
}

/** Text clamped to `maxLines` lines (with an ellipsis); returns the height it took. */
function clamped(pdf: PdfWriter, text: string, x: number, y: number, width: number, options: { size?: number; font?: string; colour?: string; maxLines?: number } = {}): number {
  const size = options.size ?? SIZE;
  const font = options.font ?? FONT;
  const height = clampedHeight(pdf, text, width, size, options.maxLines ?? 2, font);
  pdf.doc
    .font(font)
    .fontSize(size)
    .fillColor(options.colour ?? COLOURS.text)
    .text(text, x, y, { width, height: height + 1, ellipsis: true, lineGap: size * 0.25 });
  return height;
}

/**
 * The whole sentences of `text` that fit in `maxLines` lines at `width`, so the page never stops
 * mid-sentence; when some are left out it says where the rest is. A first sentence too long on its
 * own is clamped (with an ellipsis) as a last resort.
 */
export function wholeSentences(pdf: PdfWriter, text: string, width: number, maxLines: number, rest: string, size = SIZE): string {
  const limit = lineHeight(pdf, size) * maxLines + 0.5;
  if (pdf.measure(text, width, size, FONT, size * 0.25) <= limit) return text;
  const sentences = text.split(/(?<=[.!?;])\s+/);
  let fitted = '';
  for (const sentence of sentences) {
    const next = fitted ? `${fitted} ${sentence}` : sentence;
    if (pdf.measure(`${next} ${rest}`, width, size, FONT, size * 0.25) > limit) break;
    fitted = next;
  }
  return fitted ? `${fitted} ${rest}` : text;
}

/** A small heading in capitals; returns its height. */
function label(pdf: PdfWriter, text: string, x: number, y: number, colour: string = COLOURS.subtle): number {
  pdf.doc.font(FONT_BOLD).fontSize(7.5).fillColor(colour).text(text.toUpperCase(), x, y, { lineBreak: false, characterSpacing: 0.6 });
  return 13;
}

/**
 * Items, one per entry, each at most `maxLines` lines, while they fit above `maxY`; the rest are
 * counted in a last line ("+3 more in the manager report"). Returns the y below the list.
 */
function boundedItems(pdf: PdfWriter, items: { text: string; dot?: string }[], total: number, x: number, y: number, width: number, maxY: number, maxLines = 2, measureOnly = false): number {
  let shown = 0;
  for (const item of items) {
    const need = clampedHeight(pdf, item.text, width - 12, SIZE, maxLines);
    const reserve = shown + 1 < total ? LINE : 0; // room for the "+N more" line
    if (y + need + reserve > maxY) break;
    if (measureOnly) {
      y += need + 3;
      shown++;
      continue;
    }
    if (item.dot) pdf.doc.circle(x + 3, y + 5, 2.6).fill(item.dot);
    else pdf.doc.circle(x + 3, y + 5, 1.5).fill(COLOURS.subtle);
    y += clamped(pdf, item.text, x + 12, y, width - 12, { maxLines }) + 3;
    shown++;
  }
  if (measureOnly) return y + (total > shown ? LINE : 0) + (total === 0 ? LINE : 0);
  if (total > shown) {
    pdf.doc.font(FONT).fontSize(8).fillColor(COLOURS.subtlest).text(`+${total - shown} more in the manager report`, x + 12, y, { lineBreak: false });
    y += LINE;
  }
  if (total === 0) {
    pdf.doc.font(FONT).fontSize(SIZE).fillColor(COLOURS.subtlest).text('None.', x, y, { lineBreak: false });
    y += LINE;
  }
  return y;
}

/** "NOVA-91 Transfer limits by customer tier — blocked on client (critical)": the note stays in the manager report. */
function flagLine(flag: ReportFlag): string {
  return `${flag.issueKey} ${flag.summary} — ${flagCategoryLabel(flag.category).toLowerCase()} (${flag.severity})`;
}

export async function executivePdf(model: ReportModel): Promise<Buffer> {
  const pdf = new PdfWriter(pdfInfo(model), 36);
  const { doc } = pdf;
  const left = pdf.left;
  const width = pdf.width;
  const bottom = pdf.bottom;
  const status = model.status.effective;
  const colours = STATUS_COLOURS[status];

  // 1. Header: the project, what this is, and the status as the biggest thing on the page.
  doc.font(FONT_BOLD).fontSize(19).fillColor(COLOURS.text).text(model.projectName, left, 36, { width: width - 150, height: 24, ellipsis: true, lineBreak: false });
  doc.font(FONT).fontSize(10).fillColor(COLOURS.subtle).text(`${AUDIENCE_TITLES[model.audience]} · ${periodTitle(model.period)} · ${model.projectKey}`, left, 62, { lineBreak: false });
  doc.font(FONT).fontSize(7.5).fillColor(COLOURS.subtlest).text(`Generated ${instant(model.generatedAt, model.timeZone)} from Jira by Liaison`, left, 76, { lineBreak: false });
  doc.font(FONT_BOLD).fontSize(16);
  const statusText = statusLabel(status).toUpperCase();
  const badgeWidth = doc.widthOfString(statusText, { characterSpacing: 0.5 }) + 28;
  doc.roundedRect(left + width - badgeWidth, 38, badgeWidth, 34, 5).fill(colours.background);
  doc.fillColor(colours.text).text(statusText, left + width - badgeWidth + 14, 47, { lineBreak: false, characterSpacing: 0.5 });
  let y = 94;

  // 2. Why: the rules' reasons, an override's reason, and the PM's words.
  const narrative = model.narrative.status?.trim();
  const boxTop = y;
  y += 8;
  y += label(pdf, 'Why', left + 14, y, colours.text);
  if (model.status.override) {
    // The PM's reason in whole sentences (up to three lines), then who set it: never cut mid-sentence.
    const who = `(status set by ${overrideAuthor(model)} on ${day(model.status.override.at)}; the rules say ${statusLabel(model.status.computed).toLowerCase()}.)`;
    const reason = wholeSentences(pdf, model.status.override.reason.trim(), width - 40, 3, '(The full reason is in the management report.)');
    y = boundedItems(pdf, [{ text: reason }], 1, left + 14, y, width - 28, y + LINE * 3.5, 3);
    y += clamped(pdf, who, left + 26, y, width - 40, { maxLines: 1, size: 8, colour: COLOURS.subtle }) + 3;
  }
  const rules = model.status.reasons.slice(0, model.status.override ? 2 : 3);
  y = boundedItems(pdf, rules.map((text) => ({ text })), rules.length, left + 14, y, width - 28, y + LINE * 3.5, 1);
  if (narrative) y += clamped(pdf, wholeSentences(pdf, narrative, width - 28, 3, '(More in the management report.)'), left + 14, y + 2, width - 28, { maxLines: 3, colour: COLOURS.subtle }) + 4;
  y += 4;
  doc.rect(left, boxTop, 4, y - boxTop).fill(colours.bold);
  doc.rect(left + 4, boxTop, width - 4, y - boxTop).lineWidth(0.5).strokeColor(COLOURS.border).stroke();
  y += 10;

  // 3. The numbers.
  const h = model.headline;
  const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}% of committed` : 'none committed');
  // Done of what was committed at the sprints' start (the sprint chart's middle bar), never work
  // finished in the period that nobody planned (that is "Finished this period" at the foot).
  const done = committedDone(h);
  const committedTiles = done
    ? [
        { label: 'Committed issues', value: `${num(done.issues)} / ${num(h.committedIssues)} done`, detail: pct(done.issues, h.committedIssues) },
        { label: 'Committed points', value: `${num(done.points)} / ${num(h.committedPoints)} done`, detail: pct(done.points, h.committedPoints) },
      ]
    : [
        { label: 'Committed issues', value: num(h.committedIssues), detail: 'at sprint start' },
        { label: 'Committed points', value: num(h.committedPoints), detail: 'at sprint start' },
      ];
  const tiles = [
    ...committedTiles,
    { label: 'Next period', value: range(model.forecast.velocityPoints, 'pts'), detail: 'forecast range' },
    { label: 'Open red flags', value: num(h.openFlags), detail: h.openFlags === 1 ? 'flag' : 'flags' },
    { label: 'Overdue client asks', value: num(h.overdueAsks), detail: `of ${plural(model.clientActions.asks.total, 'open ask')}` },
    { label: 'Changes pending', value: num(h.pendingChanges), detail: `${num(model.changes.new)} new this period` },
  ];
  const gap = 6;
  const tileWidth = (width - gap * (tiles.length - 1)) / tiles.length;
  tiles.forEach((t, i) => {
    const x = left + i * (tileWidth + gap);
    doc.roundedRect(x, y, tileWidth, 52, 4).lineWidth(0.75).strokeColor(COLOURS.border).stroke();
    doc.font(FONT).fontSize(7).fillColor(COLOURS.subtlest).text(t.label, x + 7, y + 6, { width: tileWidth - 14, lineBreak: false, ellipsis: true, height: 9 });
    // The value at 14 points, smaller when it would not fit ("1472–1578 pts").
    let size = 14;
    while (size > 8 && doc.font(FONT_BOLD).fontSize(size).widthOfString(t.value) > tileWidth - 14) size -= 0.5;
    doc.font(FONT_BOLD).fontSize(size).fillColor(COLOURS.text).text(t.value, x + 7, y + 17 + (14 - size) * 0.7, { width: tileWidth - 14, lineBreak: false, ellipsis: true, height: 18 });
    doc.font(FONT).fontSize(7).fillColor(COLOURS.subtlest).text(t.detail, x + 7, y + 37, { width: tileWidth - 14, lineBreak: false, ellipsis: true, height: 9 });
  });
  y += 52 + 12;

  // 4. What the director is asked for: decisions, on a warm background so they are not missed.
  const decisions = decisionLines(model);
  const decisionsTop = y;
  const decisionsMaxY = y + 8 + 13 + LINE * 2 * 3 + 3 * 3 + LINE;
  const decisionItems = decisions.map((text) => ({ text, dot: COLOURS.warningBorder }));
  const decisionsHeading = decisions.length > 0 ? 'Decisions needed' : 'Decisions needed: none this period';
  // Measure first (pdfkit paints in order: the background must go down before the text).
  const decisionsEnd = decisions.length > 0 ? boundedItems(pdf, decisionItems, decisions.length, left + 12, y + 21, width - 24, decisionsMaxY, 2, true) : y + 21;
  doc.rect(left, decisionsTop, width, decisionsEnd + 4 - decisionsTop).fill(COLOURS.warning);
  doc.rect(left, decisionsTop, 4, decisionsEnd + 4 - decisionsTop).fill(COLOURS.warningBorder);
  y += 8;
  y += label(pdf, decisionsHeading, left + 12, y, '#7F5F01');
  if (decisions.length > 0) y = boundedItems(pdf, decisionItems, decisions.length, left + 12, y, width - 24, decisionsMaxY);
  y += 4 + 12;

  // 5. The trend: committed vs completed per sprint, and the burn-up, side by side.
  const chartWidth = (width - 16) / 2;
  const chartHeight = 165;
  const sprints = chartSvg(model, 'sprints', { width: chartWidth, height: chartHeight, fontSize: 7, fontFamily: FONT });
  const burnUp = chartSvg(model, 'burnUp', { width: chartWidth, height: chartHeight, fontSize: 7, fontFamily: FONT });
  label(pdf, 'Points per sprint (whole sprint): committed, done', left, y);
  label(pdf, 'Burn-up: scope and done points', left + chartWidth + 16, y);
  y += 13;
  if (sprints) pdf.svg(sprints, left, y, chartWidth, chartHeight);
  else doc.font(FONT).fontSize(SIZE).fillColor(COLOURS.subtlest).text('No sprint in this period.', left, y + 4, { lineBreak: false });
  if (burnUp) pdf.svg(burnUp, left + chartWidth + 16, y, chartWidth, chartHeight);
  else doc.font(FONT).fontSize(SIZE).fillColor(COLOURS.subtlest).text('Not enough data for a burn-up.', left + chartWidth + 16, y + 4, { lineBreak: false });
  y += chartHeight + 10;

  // 6. What is wrong, and what waits on the client, in two columns; then what comes next.
  const nextHeight = 6 + 13 + LINE * 5 + 4; // the forecast takes up to 3 lines, the due dates 2
  const columnsMaxY = bottom - nextHeight - 10;
  const half = (width - 20) / 2;
  const flags = [...model.problems.flags.items].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  let leftY = y + label(pdf, `Top problems (${model.problems.flags.total} open red flags)`, left, y);
  leftY = boundedItems(pdf, flags.map((f) => ({ text: flagLine(f), dot: SEVERITY_COLOURS[f.severity] ?? COLOURS.subtle })), model.problems.flags.total, left, leftY, half, columnsMaxY);
  const delays = model.problems.clientDelays.filter((d) => d.businessDays > 0);
  if (delays.length > 0 && leftY + LINE * 2 < columnsMaxY) {
    const text = `Waiting on the client cost ${delays.map((d) => `${plural(d.businessDays, 'business day')} (${d.client})`).join(', ')}.`;
    leftY += clamped(pdf, text, left, leftY + 2, half, { maxLines: 2, size: 8, colour: COLOURS.subtle }) + 4;
  }
  const asks = [...model.clientActions.asks.items].sort((a, b) => b.overdueBusinessDays - a.overdueBusinessDays);
  const rightX = left + half + 20;
  let rightY = y + label(pdf, `Waiting on the client (${model.clientActions.asks.total} open asks)`, rightX, y);
  rightY = boundedItems(
    pdf,
    asks.map((a) => ({ text: `${a.issueKey} ${a.ask} — ${a.client}, ${a.overdueBusinessDays > 0 ? `${plural(a.overdueBusinessDays, 'business day')} overdue` : `due ${day(a.due)}`}`, dot: a.overdueBusinessDays > 0 ? '#C9372C' : COLOURS.subtle })),
    model.clientActions.asks.total,
    rightX,
    rightY,
    half,
    columnsMaxY,
  );
  y = Math.max(leftY, rightY) + 8;

  // 7. What was delivered, and what comes next, side by side at the foot of the page.
  y = Math.min(y, bottom - nextHeight);
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor(COLOURS.border).stroke();
  y += 6;
  const periodWord = model.period.kind === 'week' ? 'this week' : model.period.kind === 'month' ? 'this month' : 'in the period';
  label(pdf, `Finished ${periodWord} (planned or not)`, left, y);
  label(pdf, 'Next period', rightX, y);
  y += 13;
  const c = model.completed;
  const epics = [...c.byEpic].sort((a, b) => b.issues.total - a.issues.total).map((g) => `${g.epicKey ? `${g.epicKey} ${g.epicSummary}` : g.epicSummary} (${g.issues.total})`);
  const delivered = c.total > 0 ? `${plural(c.total, 'issue')}, ${plural(c.points, 'story point')}${epics.length > 0 ? `: ${epics.join(', ')}` : ''}.` : 'Nothing was completed in this period.';
  clamped(pdf, delivered, left, y, half, { maxLines: 4 });
  const f = model.forecast;
  const due = f.upcomingDue.items.slice(0, 3).map((i) => `${i.key} ${i.summary} (${day(i.due)})`);
  let nextY = y;
  // The forecast's basis (which sprints, how scaled) is in the management report: here one whole sentence.
  nextY += clamped(pdf, `Expected ${range(f.velocityPoints, 'story points')} and ${range(f.velocityIssues, 'issues')}; ${plural(f.plannedNext.total, 'issue')} planned.`, rightX, nextY, half, { maxLines: 3 }) + 2;
  // Whole items only (the list ends at a "; "), never a date cut in half.
  const dueText = due.length > 0 ? `Due soon: ${due.join('; ')}${f.upcomingDue.total > due.length ? `; +${f.upcomingDue.total - due.length} more` : ''}.` : 'No due dates in the coming weeks.';
  clamped(pdf, wholeSentences(pdf, dueText, half, 2, `(${num(f.upcomingDue.total)} due in all.)`), rightX, nextY, half, { maxLines: 2, colour: COLOURS.subtle });

  return pdf.finish();
}
