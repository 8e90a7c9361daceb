/**
 * The demo story (local/demo/story.ts) on a running local host: played once, on a fresh demo site,
 * with the host's clock (clock.ts) moved to each step's time. `npm start` plays it when its data
 * folder is new (or after `--reset`) and leaves a note in the folder, so a later start keeps what
 * people did since instead of playing it again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SiteData } from '../jira/model';
import { playStory, STORY, type StoryHost, type StoryResult, type StoryStep } from '../demo/story';
import { resetClock, setClock } from './clock';

export function playDemoStory(app: StoryHost['app'], site: SiteData, steps: readonly StoryStep[] = STORY): Promise<StoryResult> {
  return playStory({ app, site, setClock: (at) => (at === null ? resetClock() : setClock(at)) }, steps);
}

/** The note `npm start` leaves once the story is played (what was played, when, and how long it took). */
export interface StoryNote {
  playedAt: string;
  ms: number;
  steps: number;
}

export function readStoryNote(file: string): StoryNote | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoryNote;
  } catch {
    return null;
  }
}

export function writeStoryNote(file: string, result: StoryResult): StoryNote {
  const note: StoryNote = { playedAt: new Date().toISOString(), ms: result.ms, steps: result.steps.length };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(note, null, 2)}\n`);
  return note;
}
