/**
 * The reminders preview in Settings (issue 14): what the reminders would send on a date, from the
 * same planner (src/asks/domain/reminders.ts) and the same reading (src/asks/events/reminders.ts) as the hourly
 * job — read as the manager, so it holds only issues they may browse. It may preview settings not
 * saved yet (`reminders`); the communication plan is the saved one. Managers only: it shows every
 * client's asks and the escalation path.
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { digestOn, reminderWords, remindersOn, type Digest, type PlannedReminder } from '../domain/reminders';
import { isoDate } from '../../platform/domain/fields';
import { DEFAULT_REMINDERS, RemindersSchema } from '../../settings/domain/settings';
import { reminderInput } from '../services/reminders';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { sentReminderKeys } from '../store/reminderStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';

export interface PreviewedReminder extends PlannedReminder {
  /** Sent already by the job (it will not be sent again). */
  alreadySent: boolean;
  /** What it does, in the PM's words. */
  words: string;
}

export interface RemindersPreview {
  projectKey: string;
  date: string;
  /** Whether the previewed settings have reminders on (off: nothing is sent whatever the plan says). */
  enabled: boolean;
  reminders: PreviewedReminder[];
  digest: (Digest & { alreadySent: boolean }) | null;
  /** More asks or change requests than one run reads. */
  truncated: boolean;
}

export const previewReminders = defineResolver({
  key: 'reminders.preview',
  description: "What the reminders would send on a date (to clients, escalations, the managers' digest), planned as the hourly job plans it",
  input: z.object({ projectKey, date: isoDate('Date'), reminders: RemindersSchema.optional() }),
  allow: rolesAllowedTo('reminders.preview'),
  refusal: 'Only a manager of this project can preview its reminders',
  async handler(ctx): Promise<RemindersPreview> {
    const access = checkedAccess(ctx);
    const settings = access.merged.settings;
    const reminders = ctx.input.reminders ?? settings.reminders ?? DEFAULT_REMINDERS;
    const input = await reminderInput(access.projectKey, settings, ctx.now, jiraAsUser(), reminders);
    const planned = remindersOn(input, ctx.input.date);
    const digest = digestOn(input, ctx.input.date);
    const sent = await sentReminderKeys(access.projectKey, [...planned.map((r) => r.key), ...(digest ? [digest.key] : [])]);
    return {
      projectKey: access.projectKey,
      date: ctx.input.date,
      enabled: reminders.enabled,
      reminders: planned.map((r) => ({ ...r, alreadySent: sent.has(r.key), words: reminderWords(r) })),
      digest: digest ? { ...digest, alreadySent: sent.has(digest.key) } : null,
      truncated: input.truncated,
    };
  },
});

export const REMINDER_RESOLVERS = [previewReminders];
