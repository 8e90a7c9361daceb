/**
 * An issue's red flags as the team reads and writes them: the `liaison-flags` property (what a
 * client may read too) merged with the team-only parts Forge storage holds (src/domain/flagNotes.ts).
 * Readers for the team merge: one storage read for one issue, one paged query per project for
 * lists. Readers shaping answers for a client never call these. Every write of a person's or a
 * rule's change goes through `saveIssueFlags`: storage first, then the property. Lists of open
 * flags for a viewer go through `openFlagsSeenBy`, which makes that choice in one place.
 */
import { notesToStore, propertyWithNotes, sameNotes, withNotes, type FlagNoteMap } from '../domain/flagNotes';
import { clientView, type ClientFlag, type Flag } from '../domain/redFlags';
import { writeFlags, type FlagIssue } from '../jira/flagIssues';
import { jiraAsApp } from '../jira/jiraClient';
import { listFlagNotes, readFlagNotes, saveFlagNotes } from '../store/flagNoteStore';

/** An issue whose flags carry their team-only parts (and what storage held when they were read). */
export type NotedFlagIssue = FlagIssue & { storedNotes: FlagNoteMap };

/** Stored records read per project for a list (pages of 100); past it, issues are read one by one. */
export const PROJECT_NOTES_MAX = 5000;

function merged(issue: FlagIssue, stored: FlagNoteMap): NotedFlagIssue {
  return { ...issue, flags: propertyWithNotes(issue.flags, stored), storedNotes: stored };
}

const hasInternal = (issue: FlagIssue) => issue.flags.flags.some((flag) => !flag.clientVisible);

/** One issue with its team-only parts (one storage read). */
export async function withStoredNotes(issue: FlagIssue): Promise<NotedFlagIssue> {
  if (issue.storedNotes) return issue as NotedFlagIssue;
  return merged(issue, await readFlagNotes(issue.issueId));
}

/**
 * Issues with their team-only parts: one paged query over each project's records (not one read
 * per issue); an issue whose project's records were not all read (more than PROJECT_NOTES_MAX)
 * and that has internal flags is read on its own.
 */
export async function withProjectNotes(issues: readonly FlagIssue[]): Promise<NotedFlagIssue[]> {
  const projects = [...new Set(issues.filter(hasInternal).map((issue) => issue.projectKey))];
  const listed = new Map(await Promise.all(projects.map(async (projectKey) => [projectKey, await listFlagNotes(projectKey, PROJECT_NOTES_MAX)] as const)));
  return Promise.all(
    issues.map(async (issue) => {
      if (issue.storedNotes) return issue as NotedFlagIssue;
      const list = listed.get(issue.projectKey);
      if (!list) return merged(issue, {});
      const found = list.byIssueId.get(issue.issueId);
      if (found) return merged(issue, found.notes);
      return list.truncated ? withStoredNotes(issue) : merged(issue, {});
    }),
  );
}

/**
 * Flags of a project's issues known by key only (report rows) with their team-only parts: one
 * paged query (up to PROJECT_NOTES_MAX records; past it, an internal flag shows without its note).
 * Records are matched by the issue key they were last written under.
 */
export async function projectNotesByKey(projectKey: string): Promise<(issueKey: string, flags: Flag[]) => Flag[]> {
  const { byIssueId } = await listFlagNotes(projectKey, PROJECT_NOTES_MAX);
  const byKey = new Map([...byIssueId.values()].map((record) => [record.issueKey, record.notes]));
  return (issueKey, flags) => {
    const stored = byKey.get(issueKey);
    return stored ? withNotes(flags, stored) : flags;
  };
}

/**
 * Saves the issue's flags: the team-only parts to storage first (only when they changed), then
 * the property as the app, internal flags without them. A failure between the two leaves the
 * property as it was and storage holding a superset of what it needs, so no note is lost and no
 * internal note reaches the property (notesToStore keeps a part until its flag left the property).
 */
export async function saveIssueFlags(issue: NotedFlagIssue, next: FlagIssue['flags'], at: Date): Promise<void> {
  const notes = notesToStore(issue.flags, issue.storedNotes, next);
  if (!sameNotes(notes, issue.storedNotes)) await saveFlagNotes({ issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, notes, at });
  await writeFlags(jiraAsApp(), issue.issueKey, next);
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
 * The open flags of `issues` that the viewer may see: a client gets only client-visible ones, and
 * their read never fetches the team-only parts; the team's merges them (one paged query per project).
 */
export async function openFlagsSeenBy(issues: readonly FlagIssue[], viewer: { client: boolean; accountId: string }): Promise<OpenFlagRow[]> {
  const read = viewer.client ? issues : await withProjectNotes(issues);
  return read.flatMap((issue) => {
    const visible: readonly (Flag | ClientFlag)[] = viewer.client ? clientView(issue.flags, viewer.accountId) : issue.flags.flags;
    return visible
      .filter((flag) => flag.resolvedAt === undefined)
      .map((flag) => ({ issueKey: issue.issueKey, summary: issue.summary, category: flag.category, severity: flag.severity, note: flag.note, raisedAt: flag.raisedAt }));
  });
}
