/**
 * Keeps a sandbox site in a JSON file: loads it on start, saves it after writes (debounced) and
 * on close. Writes go to a temporary file renamed into place, so a crash never leaves half a file.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SiteData } from './model';

export const SAVE_DEBOUNCE_MS = 200;

export function loadSite(file: string): SiteData | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SiteData;
  if (!parsed || !Array.isArray(parsed.issues) || !Array.isArray(parsed.projects)) {
    throw new Error(`${file} does not hold a sandbox site`);
  }
  return parsed;
}

export class SiteSaver {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string, private readonly site: () => SiteData) {}

  /** Saves soon; many writes in a burst cost one save. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save().catch((err) => console.error('[jira sandbox] saving the site failed:', err));
    }, SAVE_DEBOUNCE_MS);
  }

  /** Saves now (after any save in progress). */
  save(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const json = JSON.stringify(this.site());
    this.writing = this.writing.catch(() => undefined).then(async () => {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, this.file);
    });
    return this.writing;
  }
}
