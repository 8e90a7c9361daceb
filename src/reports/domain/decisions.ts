/**
 * Decisions needed (issue 17): what the PM needs someone to decide, with an owner and a deadline.
 * The PM adds, edits and resolves them; executive and manager reports list them beside the
 * automatic items (pending approvals, escalations). Internal: never in a client report.
 * Stored per project as one bounded, versioned document (src/reports/store/planStore.ts).
 */
import { z } from 'zod';
import { AppError } from '../../platform/domain/errors';
import { isIsoDate } from '../../platform/domain/time';

/** Bounds that keep the project's decisions document (at most `kept` of them) far below KVS's 240 KiB. */
export const DECISION_LIMITS = { title: 200, detail: 500, resolution: 500, ownerName: 120, open: 50, kept: 80 } as const;

export interface DecisionOwner {
  /** The owner's Jira account, when they have one. */
  accountId?: string;
  name: string;
}

export interface Decision {
  id: string;
  title: string;
  detail?: string;
  owner: DecisionOwner;
  /** YYYY-MM-DD */
  deadline: string;
  status: 'open' | 'resolved';
  resolution?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  resolvedAt?: string;
  resolvedBy?: string;
}

export interface DecisionsDocument {
  version: number;
  items: Decision[];
}

const text = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);
const optionalText = (label: string, max: number) => z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`);

export const DecisionOwnerSchema = z.object(
  { accountId: z.string().trim().min(1).max(128, 'Owner account id is too long').optional(), name: text('Owner', DECISION_LIMITS.ownerName) },
  { error: 'Say who owns the decision' },
);
const deadline = z.string({ error: 'Deadline is required' }).refine(isIsoDate, 'Deadline must be a real date');
const decisionId = z.string({ error: 'Say which decision' }).trim().regex(/^[A-Za-z0-9-]{1,64}$/, 'Say which decision');
const version = z.number({ error: 'Version is required' }).int('Version must be a whole number').min(0, 'Version must be 0 or more');

export const DecisionFields = {
  title: text('Decision', DECISION_LIMITS.title),
  detail: optionalText('Details', DECISION_LIMITS.detail).optional(),
  owner: DecisionOwnerSchema,
  deadline,
};
export const AddDecisionFields = { ...DecisionFields, version };
export const UpdateDecisionFields = { id: decisionId, version, ...DecisionFields };
export const ResolveDecisionFields = { id: decisionId, version, resolution: text('Outcome', DECISION_LIMITS.resolution) };

export type DecisionInput = { title: string; detail?: string; owner: DecisionOwner; deadline: string };

const shapeOwner = (owner: DecisionOwner): DecisionOwner => ({ ...(owner.accountId ? { accountId: owner.accountId } : {}), name: owner.name });

function checkVersion(doc: DecisionsDocument, expected: number): void {
  if (doc.version !== expected) throw new AppError('CONFLICT', 'Someone changed the decisions since you opened them: reload and try again');
}

function find(doc: DecisionsDocument, id: string): Decision {
  const found = doc.items.find((d) => d.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'There is no such decision in this project');
  return found;
}

/** Keeps every open decision and the most recently resolved ones, within DECISION_LIMITS.kept. */
function prune(items: Decision[]): Decision[] {
  const open = items.filter((d) => d.status === 'open');
  const resolved = items
    .filter((d) => d.status === 'resolved')
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''))
    .slice(0, Math.max(0, DECISION_LIMITS.kept - open.length));
  return [...open, ...resolved];
}

export function addDecision(doc: DecisionsDocument, expected: number, input: DecisionInput, meta: { id: string; by: string; at: string }): DecisionsDocument {
  checkVersion(doc, expected);
  if (doc.items.filter((d) => d.status === 'open').length >= DECISION_LIMITS.open) {
    throw new AppError('CONFLICT', `At most ${DECISION_LIMITS.open} decisions can be open: resolve some first`);
  }
  const decision: Decision = {
    id: meta.id,
    title: input.title,
    owner: shapeOwner(input.owner),
    deadline: input.deadline,
    status: 'open',
    createdAt: meta.at,
    createdBy: meta.by,
    updatedAt: meta.at,
    updatedBy: meta.by,
  };
  if (input.detail) decision.detail = input.detail;
  return { version: doc.version + 1, items: prune([...doc.items, decision]) };
}

export function updateDecision(doc: DecisionsDocument, expected: number, id: string, input: DecisionInput, meta: { by: string; at: string }): DecisionsDocument {
  checkVersion(doc, expected);
  const current = find(doc, id);
  if (current.status === 'resolved') throw new AppError('CONFLICT', 'This decision is resolved and cannot change');
  const { detail: _detail, ...rest } = current;
  const next: Decision = { ...rest, title: input.title, owner: shapeOwner(input.owner), deadline: input.deadline, updatedAt: meta.at, updatedBy: meta.by };
  if (input.detail) next.detail = input.detail;
  return { version: doc.version + 1, items: doc.items.map((d) => (d.id === id ? next : d)) };
}

export function resolveDecision(doc: DecisionsDocument, expected: number, id: string, resolution: string, meta: { by: string; at: string }): DecisionsDocument {
  checkVersion(doc, expected);
  const current = find(doc, id);
  if (current.status === 'resolved') throw new AppError('CONFLICT', 'This decision is already resolved');
  const next: Decision = { ...current, status: 'resolved', resolution, resolvedAt: meta.at, resolvedBy: meta.by, updatedAt: meta.at, updatedBy: meta.by };
  return { version: doc.version + 1, items: prune(doc.items.map((d) => (d.id === id ? next : d))) };
}

/** A stored document read defensively (storage outlives code versions). */
export function parseDecisions(raw: unknown): DecisionsDocument {
  if (typeof raw !== 'object' || raw === null) return { version: 0, items: [] };
  const doc = raw as { version?: unknown; items?: unknown };
  const version = typeof doc.version === 'number' && Number.isInteger(doc.version) && doc.version >= 0 ? doc.version : 0;
  const items = Array.isArray(doc.items)
    ? doc.items.filter(
        (d): d is Decision =>
          typeof d === 'object' && d !== null && typeof (d as Decision).id === 'string' && typeof (d as Decision).title === 'string' &&
          typeof (d as Decision).deadline === 'string' && ((d as Decision).status === 'open' || (d as Decision).status === 'resolved') &&
          typeof (d as Decision).owner?.name === 'string',
      )
    : [];
  return { version, items };
}
