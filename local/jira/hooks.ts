/**
 * What the sandbox offers the host that runs the app: hooks around workflow transitions (Forge's
 * workflow conditions, validators and post functions) and the events it emits after each write
 * (Forge's product events). Kept apart from server.ts so the REST handlers, which call the hooks
 * and emit the events, need not import the server that routes to them.
 */
import type { ChangelogItem } from './model';

export interface TransitionHookContext {
  issueKey: string; issueId: string; projectKey: string; accountId: string;
  transition: { id: string; name: string; from: { id: string }; to: { id: string } };
  moduleKeys: string[];      // the Forge rule modules attached to the transition
  /** The issue's workflow (post function payloads name it). */
  workflow?: { id: string; name: string };
  /** The fields the transition screen set (validator payloads: `transition.modifiedFields`). */
  modifiedFields?: Record<string, unknown>;
  /** After the transition: the changelog entry it wrote (post function payloads). */
  changelog?: { id: string; items: ChangelogItem[] };
}

export interface SandboxHooks {
  /** Called before a transition is applied with its conditions' and validators' module keys; a failure blocks it with 400 and the message. */
  validateTransition?(ctx: TransitionHookContext): Promise<{ result: boolean; errorMessage?: string }>;
  /** Called after a transition is applied, with its post functions' module keys. */
  afterTransition?(ctx: TransitionHookContext): Promise<void>;
}

/**
 * `selfGenerated`: the write came from the app's own code (asApp or asUser through the Forge
 * runtime, which marks its requests with `x-sandbox-app-call`), as Forge's event payloads say.
 */
export type SandboxEvent = { selfGenerated?: boolean } & (
  | { eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue'; issueId: string; issueKey: string; atlassianId: string; changelog?: { items: ChangelogItem[] } }
  | { eventType: 'avi:jira:created:comment' | 'avi:jira:updated:comment'; issueId: string; issueKey: string; commentId: string; atlassianId: string }
  | { eventType: 'avi:jira:set:issue:property' | 'avi:jira:deleted:issue:property'; issueId: string; issueKey: string; propertyKey: string; atlassianId: string }
  | { eventType: 'avi:jira:created:worklog' | 'avi:jira:updated:worklog'; issueId: string; issueKey: string; worklogId: string; atlassianId: string });
