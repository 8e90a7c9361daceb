/**
 * Value formats Jira prints: its date-time style, `timeSpent` strings, ADF plain text and the
 * three status categories.
 */
import type { AdfDoc, StatusCategoryKey } from '../model';
import { badRequest } from './http';

/** `2026-11-24T09:30:00.000+0000`, always in UTC (as a site set to UTC prints it). */
export function jiraDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Milliseconds since the epoch of a stored Jira date-time (or a plain date, read as UTC midnight). */
export function epochMs(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Unreadable date in site data: ${value}`);
  return ms;
}

/** Parses a client-supplied date-time (`started` on worklogs, ...); Jira answers 400 on garbage. */
export function parseClientDateTime(value: unknown, field: string): Date {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} must be a date-time string.`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`${field} '${value}' is not a valid date-time (expected e.g. 2026-11-24T09:30:00.000+0000).`);
  return new Date(ms);
}

/** Jira's `timeSpent` rendering with 8h days and 5d weeks: `1w 2d 3h 30m`. */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let minutes = Math.round(seconds / 60);
  const units: Array<[string, number]> = [['w', 5 * 8 * 60], ['d', 8 * 60], ['h', 60], ['m', 1]];
  for (const [unit, size] of units) {
    const n = Math.floor(minutes / size);
    if (n > 0) parts.push(`${n}${unit}`);
    minutes -= n * size;
  }
  return parts.length ? parts.join(' ') : '0m';
}

/** Parses `timeSpent` strings such as `1d 2h 30m` (8h days, 5d weeks) into seconds. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return null;
  const sizes: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };
  let total = 0;
  const re = /(\d+(?:\.\d+)?)\s*([wdhm])\s*/gy;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(trimmed)) !== null) {
    total += Number(m[1]) * sizes[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== trimmed.length) return null;
  return Math.round(total);
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return (
    value !== null && typeof value === 'object' && (value as AdfDoc).type === 'doc' &&
    (value as AdfDoc).version === 1 && Array.isArray((value as AdfDoc).content)
  );
}

/** The plain text of an ADF document: paragraphs and block nodes on their own lines. */
export function adfText(doc: unknown): string {
  const lines: string[] = [];
  let current = '';
  const blockTypes = new Set(['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote', 'tableRow', 'panel']);
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string; content?: unknown[]; attrs?: Record<string, unknown> };
    if (n.type === 'text' && typeof n.text === 'string') current += n.text;
    else if (n.type === 'hardBreak') current += '\n';
    else if (n.type === 'mention' && n.attrs && typeof n.attrs.text === 'string') current += n.attrs.text;
    if (Array.isArray(n.content)) n.content.forEach(walk);
    if (n.type && blockTypes.has(n.type) && current !== '') {
      lines.push(current);
      current = '';
    }
  };
  walk(doc);
  if (current !== '') lines.push(current);
  return lines.join('\n');
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A simple HTML rendering of ADF (what `expand=renderedFields` shows). */
export function adfHtml(doc: unknown): string {
  const text = adfText(doc);
  if (!text) return '';
  return text.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`).join('');
}

/** An ADF document holding one paragraph of plain text. */
export function adfFromText(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] };
}

/** Jira's three status categories as `statusCategory` objects print them. */
export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; colorName: string; name: string; newApiName: 'TODO' | 'IN_PROGRESS' | 'DONE' }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do', newApiName: 'TODO' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress', newApiName: 'IN_PROGRESS' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done', newApiName: 'DONE' },
};

/** Reads the new workflow API's category names (`TODO`, `IN_PROGRESS`, `DONE`). */
export function categoryFromNewApi(value: unknown): StatusCategoryKey | null {
  for (const cat of Object.values(STATUS_CATEGORIES)) if (cat.newApiName === value) return cat.key;
  return null;
}
