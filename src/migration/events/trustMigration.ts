/**
 * The one-time move of issue 4's data to issue 13's records (idempotent; a marker per project
 * makes later runs skip it): run by the app's install/upgrade lifecycle trigger and, for projects
 * it did not reach, by a daily scheduled trigger.
 *
 * - Change requests: the `change` record gets who raised it and the step (from the old
 *   `liaison-change` property, schema 1); the property is rewritten as the record's projection.
 *   An old property is believed only where it can be checked: its requester must be the issue's
 *   reporter (Liaison always raised a request as the person who asked, and recorded Jira-created
 *   ones under their reporter); a decision is never taken from a property (issue 4 already counted
 *   only the decision claimed in storage).
 * - Red flags: each issue's old `liaison-flags` flags, with their `flag-notes` parts, become its
 *   `flag` record, keeping only flags the audit trail shows Liaison raised (a `flag.raise` /
 *   `flag.confused` entry by the flag's raiser, or `flag.rules`, on that issue at the flag's
 *   time); the property is rewritten as the record's projection and the `flag-notes` record deleted.
 * Anything refused is reported as tampering (src/platform/store/tamperStore.ts).
 */
import { changeProjection, emptyDocument, parseLegacyChangeProperty, stepOfStatus, type ChangeDocument, type ChangeProperty } from '../../changes/domain/changeRequest';
import { propertyWithNotes } from '../../flags/domain/flagNotes';
import { flagsIndex, type FlagsIndex } from '../../flags/domain/flagRecord';
import { parseFlagsProperty, RULE_ACTOR, summarize, type Flag } from '../../flags/domain/redFlags';
import { mergeSettings } from '../../settings/domain/storedSettings';
import { sameJson } from '../../platform/domain/tampering';
import { jqlString } from '../../asks/jira/askSearch';
import { searchChangeIssues, writeChangeProperty } from '../../changes/jira/changeRequests';
import { FLAGS_PROPERTY, searchFlagIssues, writeFlagsIndex } from '../../flags/jira/flagIssues';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { searchProjects } from '../../platform/jira/projects';
import { projectChangeWorkflow } from '../../changes/jira/provisioning';
import { listAudit } from '../../platform/store/auditStore';
import { ChangeConflict, listChanges, saveChange, type StoredChange } from '../../changes/store/changeStore';
import { deleteFlagNotes, listFlagNotes } from '../../flags/store/flagNoteStore';
import { listFlagRecords, saveFlagRecord } from '../../flags/store/flagStore';
import { readMigrationMarker, writeMigrationMarker } from '../store/migrationStore';
import { readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import { reportTampering } from '../../platform/store/tamperStore';
import { showsCosts } from '../../changes/services/changeRecords';

export const TRUST_MIGRATION = 'trust-records-13';

/** Bounds: projects per run, issues per project and kind, audit entries read per project (pages of 100). */
export const MIGRATION_LIMITS = { projects: 200, issues: 2000, auditEntries: 20_000, auditPage: 100 } as const;

export interface ProjectMigration {
  projectKey: string;
  changes: { migrated: number; current: number; refused: number };
  flags: { migrated: number; current: number; refused: number; flagsRefused: number };
  truncated: boolean;
  error?: string;
}

export interface MigrationRun {
  projects: ProjectMigration[];
  /** Projects migrated by an earlier run. */
  skipped: string[];
}

/** Migrates every project the app can browse (or `projectKeys`) that has no marker yet. */
export async function migrateTrustRecords(opts: { projectKeys?: string[]; now?: Date } = {}): Promise<MigrationRun> {
  const now = opts.now ?? new Date();
  const keys = opts.projectKeys ?? (await searchProjects(jiraAsApp(), { maxItems: MIGRATION_LIMITS.projects })).items.map((p) => p.key);
  const run: MigrationRun = { projects: [], skipped: [] };
  for (const projectKey of keys) {
    if (await readMigrationMarker(TRUST_MIGRATION, projectKey)) {
      run.skipped.push(projectKey);
      continue;
    }
    const result: ProjectMigration = { projectKey, changes: { migrated: 0, current: 0, refused: 0 }, flags: { migrated: 0, current: 0, refused: 0, flagsRefused: 0 }, truncated: false };
    try {
      await migrateChanges(projectKey, now, result);
      await migrateFlags(projectKey, now, result);
      // A project read only in part is migrated again next time (every step is idempotent).
      if (!result.truncated) await writeMigrationMarker(TRUST_MIGRATION, projectKey, { at: now.toISOString(), summary: result });
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
    }
    run.projects.push(result);
  }
  return run;
}

/** The lifecycle trigger's and the daily scheduled trigger's function. */
export async function runTrustMigration(): Promise<MigrationRun> {
  return migrateTrustRecords();
}

async function migrateChanges(projectKey: string, now: Date, result: ProjectMigration): Promise<void> {
  const [site, project] = await Promise.all([readSiteDefaults(), readProjectSettings(projectKey)]);
  const mapping = await projectChangeWorkflow(projectKey, project.stored?.changeWorkflow, now);
  if (!mapping) return;
  const costs = { showCostsToClient: showsCosts(mergeSettings(site.stored, project.stored).settings) };
  const jql = `project = ${jqlString(projectKey)} AND issuetype = ${jqlString(mapping.issueTypeId)} ORDER BY key ASC`;
  const [found, stored] = await Promise.all([searchChangeIssues(jiraAsApp(), jql, MIGRATION_LIMITS.issues), listChanges(projectKey, MIGRATION_LIMITS.issues)]);
  result.truncated ||= found.truncated || stored.truncated;
  for (const issue of found.issues) {
    const record: StoredChange = stored.byIssueId.get(issue.issueId) ?? { version: 0, doc: emptyDocument() };
    if (record.version > 0 && record.doc.requestedBy && record.projected !== undefined) {
      result.changes.current += 1;
      continue;
    }
    let legacy = parseLegacyChangeProperty(issue.property);
    if (legacy && legacy.requestedBy !== issue.reporter) {
      result.changes.refused += 1;
      await reportTampering({ projectKey, issueId: issue.issueId, issueKey: issue.issueKey, kind: 'change', value: issue.property, reason: 'its requester is not the issue\'s reporter', at: now });
      legacy = undefined;
    }
    // No record and nothing checkable to move: created in Jira (no property) or planted; readers judge it.
    if (record.version === 0 && !legacy) continue;
    const doc: ChangeDocument = {
      ...record.doc,
      requestedBy: record.doc.requestedBy ?? legacy?.requestedBy ?? issue.reporter ?? '',
      requestedAt: record.doc.requestedAt ?? legacy?.requestedAt ?? issue.created,
      raisedVia: record.doc.raisedVia ?? legacy?.raisedVia ?? 'jira',
    };
    // What issue 4's readers showed from the property when the document lacked it (never a decision).
    if (!doc.acknowledgedAt && legacy?.acknowledgedAt) {
      doc.acknowledgedAt = legacy.acknowledgedAt;
      if (legacy.acknowledgedBy) doc.acknowledgedBy = legacy.acknowledgedBy;
    }
    if (!doc.clientInformedAt && legacy?.clientInformedAt) doc.clientInformedAt = legacy.clientInformedAt;
    if (doc.implementationKeys.length === 0 && legacy?.implementationKeys.length) doc.implementationKeys = [...legacy.implementationKeys];
    const step = stepOfStatus(mapping.statusIds, issue.statusId) ?? doc.step ?? legacy?.step ?? 'logged';
    doc.step = step;
    const projected = changeProjection(step, doc, costs);
    try {
      await saveChange({ issueId: issue.issueId, projectKey, issueKey: issue.issueKey, expectedVersion: record.version, doc, at: now, projected, ...(legacy ? { projectedBefore: issue.property } : {}) });
    } catch (error) {
      // Someone acted on it meanwhile: their write carries the requester and the projection.
      if (error instanceof ChangeConflict) continue;
      throw error;
    }
    await writeChangeProperty(jiraAsApp(), issue.issueKey, projected as ChangeProperty);
    result.changes.migrated += 1;
  }
}

/** `target|at|actor|kind` of every flag write the audit trail holds for the project (kind: person or rule). */
async function auditedFlagWrites(projectKey: string): Promise<{ seen: Set<string>; truncated: boolean }> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let read = 0; read < MIGRATION_LIMITS.auditEntries; read += MIGRATION_LIMITS.auditPage) {
    const page = await listAudit(projectKey, { limit: MIGRATION_LIMITS.auditPage, ...(cursor ? { cursor } : {}) });
    for (const entry of page.entries) {
      if (entry.action === 'flag.raise' || entry.action === 'flag.confused') seen.add(`${entry.target}|${entry.at}|${entry.actor}`);
      if (entry.action === 'flag.rules') seen.add(`${entry.target}|${entry.at}|${RULE_ACTOR}`);
    }
    if (!page.nextCursor) return { seen, truncated: false };
    cursor = page.nextCursor;
  }
  return { seen, truncated: true };
}

async function migrateFlags(projectKey: string, now: Date, result: ProjectMigration): Promise<void> {
  const jql = `project = ${jqlString(projectKey)} AND issue.property[${FLAGS_PROPERTY}].open >= 0 ORDER BY key ASC`;
  const [found, records, notes, audited] = await Promise.all([
    searchFlagIssues(jiraAsApp(), { jql, ids: { askFieldId: null, sprintFieldId: null }, maxIssues: MIGRATION_LIMITS.issues }),
    listFlagRecords(projectKey, MIGRATION_LIMITS.issues),
    listFlagNotes(projectKey, MIGRATION_LIMITS.issues),
    auditedFlagWrites(projectKey),
  ]);
  result.truncated ||= found.truncated || records.truncated || notes.truncated || audited.truncated;
  for (const issue of found.issues) {
    const record = records.byIssueId.get(issue.issueId);
    if (record) {
      // The record is the truth: an old-shaped property left behind is replaced by its projection.
      if (record.projected !== undefined && !sameJson(issue.property, record.projected) && isLegacyFlags(issue.property)) {
        await writeFlagsIndex(jiraAsApp(), issue.issueKey, record.projected as FlagsIndex);
      }
      result.flags.current += 1;
      continue;
    }
    if (!isLegacyFlags(issue.property)) continue; // already the new shape with no record behind it: readers report it
    const legacy = propertyWithNotes(parseFlagsProperty(issue.property), notes.byIssueId.get(issue.issueId)?.notes ?? {});
    const target = `issue:${issue.issueKey}`;
    const kept = legacy.flags.filter((flag: Flag) => audited.seen.has(`${target}|${flag.raisedAt}|${flag.raisedBy}`));
    const refused = legacy.flags.length - kept.length;
    if (refused > 0) {
      result.flags.refused += 1;
      result.flags.flagsRefused += refused;
      await reportTampering({
        projectKey, issueId: issue.issueId, issueKey: issue.issueKey, kind: 'flags', value: issue.property,
        reason: `${refused} of its flags ${refused === 1 ? 'has' : 'have'} no audit entry showing Liaison raised ${refused === 1 ? 'it' : 'them'}`, at: now,
      });
    }
    const flags = summarize(kept, legacy.dropped);
    const projected = flagsIndex(flags.flags);
    await saveFlagRecord({ issueId: issue.issueId, projectKey, issueKey: issue.issueKey, expectedVersion: 0, flags, projected, projectedBefore: issue.property, at: now });
    await writeFlagsIndex(jiraAsApp(), issue.issueKey, projected);
    if (notes.byIssueId.has(issue.issueId)) await deleteFlagNotes(issue.issueId);
    result.flags.migrated += 1;
  }
}

/** Issue 4's `liaison-flags` shape: a `flags` list and no schema. */
function isLegacyFlags(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { flags?: unknown }).flags) && (value as { schema?: unknown }).schema === undefined;
}
