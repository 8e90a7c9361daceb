/**
 * Which Forge issue panels an issue shows, as Jira decides it: a `jira:issuePanel` appears on an
 * issue once someone added it there (the app's button in the issue view's apps menu; Jira then
 * shows it to everyone who views that issue, until it is removed), or on every issue once a Jira
 * administrator chose "Show for all work items" (until "Hide from all work items").
 * Kept in memory, and in a JSON file when one is given (the host's data folder).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface StoreFile {
  /** Panel module keys added per issue id. */
  added: Record<string, string[]>;
  /** Panel module keys an administrator shows on every issue. */
  showForAll: string[];
}

export class IssuePanelStore {
  private data: StoreFile = { added: {}, showForAll: [] };

  constructor(private readonly opts: { file?: string } = {}) {
    if (opts.file && existsSync(opts.file)) {
      const parsed = JSON.parse(readFileSync(opts.file, 'utf8')) as Partial<StoreFile>;
      if (parsed && typeof parsed.added === 'object' && parsed.added && Array.isArray(parsed.showForAll)) this.data = parsed as StoreFile;
    }
  }

  /** Whether the panel shows on the issue (added to it, or shown for all). */
  shows(issueId: string, moduleKey: string): boolean {
    return this.data.showForAll.includes(moduleKey) || (this.data.added[issueId] ?? []).includes(moduleKey);
  }

  isShownForAll(moduleKey: string): boolean {
    return this.data.showForAll.includes(moduleKey);
  }

  /** A user added the panel to the issue. */
  add(issueId: string, moduleKey: string): void {
    const list = this.data.added[issueId] ?? [];
    if (list.includes(moduleKey)) return;
    this.data.added[issueId] = [...list, moduleKey];
    this.save();
  }

  /** A user removed the panel from the issue (a panel shown for all stays until an admin hides it). */
  remove(issueId: string, moduleKey: string): void {
    const list = (this.data.added[issueId] ?? []).filter((k) => k !== moduleKey);
    if (list.length) this.data.added[issueId] = list;
    else delete this.data.added[issueId];
    this.save();
  }

  /** An administrator's "Show for all work items" (true) or "Hide from all work items" (false). */
  setShownForAll(moduleKey: string, shown: boolean): void {
    const others = this.data.showForAll.filter((k) => k !== moduleKey);
    this.data.showForAll = shown ? [...others, moduleKey] : others;
    this.save();
  }

  private save(): void {
    const file = this.opts.file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves half a file behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(this.data, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
