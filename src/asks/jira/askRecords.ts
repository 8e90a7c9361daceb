/**
 * The rule every ask reader follows: the ask comes from its record in Forge storage; what Jira
 * shows (the Client assignee field, an old `liaison-asks` property) is checked against the record
 * (askTampering.ts) and otherwise ignored.
 */
import { readAsks, type StoredAsk } from '../store/askStore';
import { ensureAsksMigrated } from './askMigration';
import { checkSight } from './askTampering';
import type { AskSight } from './issueAsks';

/**
 * The stored asks of the issues Jira showed (by issue id; issues without an ask are absent), after
 * moving any project's asks out of Jira once (askMigration.ts) and checking each sight.
 */
export async function storedAsksFor(sights: readonly AskSight[], now: Date): Promise<Map<string, StoredAsk>> {
  // Issues of a project being moved during this read were seen in their old shape: the move itself
  // reports what it cannot trust, and the next read checks them.
  const moving = new Set<string>();
  for (const projectKey of new Set(sights.map((s) => s.projectKey))) if (!(await ensureAsksMigrated(projectKey, now)).movedBefore) moving.add(projectKey);
  const stored = await readAsks(sights.map((s) => s.issueId));
  await Promise.all(sights.filter((sight) => !moving.has(sight.projectKey)).map((sight) => checkSight(sight, stored.get(sight.issueId) ?? null, now)));
  return stored;
}

/** Moves each project's asks out of Jira once (askMigration.ts), before a reader lists their records. */
export async function askMigrationsFor(projectKeys: readonly string[], now: Date): Promise<void> {
  for (const projectKey of new Set(projectKeys)) await ensureAsksMigrated(projectKey, now);
}
