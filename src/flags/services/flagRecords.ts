/**
 * An issue's red flags as everyone reads and writes them: the `flag` KVS record is the truth; the
 * `liaison-flags` property Jira holds is its projection for JQL (src/flags/domain/flagRecord.ts) and is
 * only checked against it (a property the record did not project is tampering: reported once,
 * ignored). Readers: one storage read for one issue, one paged query per project for lists. Every
 * write goes through `saveIssueFlags`: the record in a versioned transaction first (a concurrent
 * write gets CONFLICT), then the projection as the app. Lists of open flags for a viewer go
 * through `openFlagsSeenBy`, which shapes a client's view in one place.
 */
import { flagsIndex, NO_FLAGS_INDEX, type FlagsIndex } from '../domain/flagRecord';
import { clientView, isOpen, type ClientFlag, type Flag, type FlagsProperty } from '../domain/redFlags';
import { tamperReason } from '../../platform/domain/tampering';
import { writeFlagsIndex, type FlagIssue } from '../jira/flagIssues';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { readChange } from '../../changes/store/changeStore';
import { listFlagRecords, readFlagRecord, saveFlagRecord, type StoredFlags } from '../store/flagStore';
import { reportTamperingLater } from '../../platform/store/tamperStore';

/** An issue with its flags from the record, and the record version they were read at. */
export type RecordedFlagIssue = FlagIssue & { record: Omit<StoredFlags, 'flags'> };

/** Records read per project for a list (pages of 100); past it, issues are read one by one. */
export const PROJECT_RECORDS_MAX = 5000;

async function recorded(issue: FlagIssue, stored: StoredFlags, at: Date): Promise<RecordedFlagIssue> {
  // Without a record the issue projects "no flags": a property saying just that is no tampering.
  const projected = stored.version > 0 ? [stored.projected, stored.projectedBefore] : [NO_FLAGS_INDEX];
  const reason = tamperReason(issue.property, { exists: true, projected });
  if (reason) {
    await reportTamperingLater({
      projectKey: issue.projectKey, issueId: issue.issueId, issueKey: issue.issueKey, kind: 'flags', value: issue.property,
      reason: stored.version > 0 ? reason : 'no Liaison record stands behind it', at,
    });
  }
  if (issue.changeProperty !== undefined) await checkChangeProperty(issue, at);
  const { flags, ...record } = stored;
  return { ...issue, flags, record };
}

/**
 * A `liaison-change` value met on an issue the flag readers read: checked against the change record
 * (one storage read, only for issues carrying the property), so one planted on an issue that is no
 * change request (which the change readers never open) is reported too; JQL `changeOutcome` finds it.
 */
async function checkChangeProperty(issue: FlagIssue, at: Date): Promise<void> {
  const stored = await readChange(issue.issueId);
  const reason = tamperReason(issue.changeProperty, { exists: stored.version > 0, projected: [stored.projected, stored.projectedBefore] });
  if (reason) await reportTamperingLater({ projectKey: issue.projectKey, issueId: issue.issueId, issueKey: issue.issueKey, kind: 'change', value: issue.changeProperty, reason, at });
}

function isRecorded(issue: FlagIssue): issue is RecordedFlagIssue {
  return 'record' in issue;
}

/** One issue with its flags from the record (one storage read). */
export async function withFlagRecord(issue: FlagIssue, at: Date = new Date()): Promise<RecordedFlagIssue> {
  if (isRecorded(issue)) return issue;
  return recorded(issue, await readFlagRecord(issue.issueId), at);
}

/**
 * Issues with their flags from the records: one paged query over each project's records (not one
 * read per issue); an issue of a project with more records than PROJECT_RECORDS_MAX is read on its own.
 */
export async function withFlagRecords(issues: readonly FlagIssue[], at: Date = new Date()): Promise<RecordedFlagIssue[]> {
  const projects = [...new Set(issues.map((issue) => issue.projectKey))];
  const listed = new Map(await Promise.all(projects.map(async (projectKey) => [projectKey, await listFlagRecords(projectKey, PROJECT_RECORDS_MAX)] as const)));
  return Promise.all(
    issues.map(async (issue) => {
      if (isRecorded(issue)) return issue;
      const list = listed.get(issue.projectKey);
      const found = list?.byIssueId.get(issue.issueId);
      if (found) return recorded(issue, found, at);
      return list?.truncated ? withFlagRecord(issue, at) : recorded(issue, { version: 0, flags: { ...issue.flags, flags: [] } }, at);
    }),
  );
}

/**
 * A project's flags by issue key (report rows, which know issues by key only): one paged query
 * (up to PROJECT_RECORDS_MAX records). Records are matched by the issue key they were last written under.
 */
export async function projectFlagsByKey(projectKey: string): Promise<(issueKey: string) => Flag[]> {
  const { byIssueId } = await listFlagRecords(projectKey, PROJECT_RECORDS_MAX);
  const byKey = new Map([...byIssueId.values()].map((record) => [record.issueKey, record.flags.flags]));
  return (issueKey) => byKey.get(issueKey) ?? [];
}

/**
 * Saves the issue's flags: the record first, conditioned on the version they were read at (a
 * write in between makes this one a CONFLICT, nothing lost), then its projection to Jira as the
 * app. When a later version landed meanwhile, its projection is written instead, so Jira ends with
 * the newest. A failed projection is logged: the record stands, the next write projects again.
 */
export async function saveIssueFlags(issue: RecordedFlagIssue, next: FlagsProperty, at: Date): Promise<number> {
  const projected = flagsIndex(next.flags);
  const version = await saveFlagRecord({
    issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, expectedVersion: issue.record.version, flags: next, projected,
    ...(issue.record.projected !== undefined ? { projectedBefore: issue.record.projected } : {}), at,
  });
  try {
    await writeFlagsIndex(jiraAsApp(), issue.issueKey, projected);
    const now = await readFlagRecord(issue.issueId);
    if (now.version > version && now.projected !== undefined) await writeFlagsIndex(jiraAsApp(), issue.issueKey, now.projected as FlagsIndex);
  } catch (error) {
    console.warn(`Liaison: the flags of ${issue.issueKey} were saved, but Jira's liaison-flags index was not updated: ${error instanceof Error ? error.message : String(error)}`);
  }
  return version;
}

/** An open flag as a list shows it, with when it was raised (lists sort by it). */
export interface OpenFlagRow {
  issueKey: string;
  summary: string;
  category: Flag['category'];
  severity: Flag['severity'];
  note: string;
  raisedAt: string;
}

/**
 * The open flags of `issues` that the viewer may see, from the records: a client gets only
 * client-visible ones (clientView), the team all.
 */
export async function openFlagsSeenBy(issues: readonly FlagIssue[], viewer: { client: boolean; accountId: string }): Promise<OpenFlagRow[]> {
  const read = await withFlagRecords(issues);
  return read.flatMap((issue) => {
    const visible: readonly (Flag | ClientFlag)[] = viewer.client ? clientView(issue.flags, viewer.accountId) : issue.flags.flags;
    return visible
      .filter((flag) => flag.resolvedAt === undefined)
      .map((flag) => ({ issueKey: issue.issueKey, summary: issue.summary, category: flag.category, severity: flag.severity, note: flag.note, raisedAt: flag.raisedAt }));
  });
}

/** Issue ids a flag JQL names besides its property clause (JQL's length bounds it; past it, the property clause alone). */
export const RECORDED_IDS_IN_JQL = 1000;

/**
 * A JQL clause for a project's flagged issues that the records decide: the property clause (Jira's
 * index, fast and paged) OR the issues whose record holds flags. A property someone overwrote (with
 * no `total`, say) then cannot hide an issue's flags from the lists; one planted on an issue with no
 * flags lists the issue, whose record then says it has none. `openOnly`: only records with an open flag.
 */
export async function recordedFlagsClause(projectKey: string, propertyClause: string, opts: { openOnly: boolean }): Promise<string> {
  const { byIssueId } = await listFlagRecords(projectKey, PROJECT_RECORDS_MAX);
  const ids = [...byIssueId]
    .filter(([, stored]) => stored.version > 0 && (!opts.openOnly || stored.flags.flags.some(isOpen)))
    .map(([issueId]) => issueId)
    .filter((issueId) => /^\d+$/.test(issueId))
    .slice(0, RECORDED_IDS_IN_JQL);
  return ids.length > 0 ? `(${propertyClause} OR id in (${ids.join(', ')}))` : propertyClause;
}
